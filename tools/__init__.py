"""Checks anyone can run on the source tree (not shipped with the program)."""
