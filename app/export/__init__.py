"""Documents that leave the office: the minutes PDF (صورتجلسه) and what it is drawn with."""
