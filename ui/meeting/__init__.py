"""One meeting: the editor and its pages, the minutes (preview, export, print, sign)."""
