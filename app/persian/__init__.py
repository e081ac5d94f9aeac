"""Persian on its own terms: Jalali dates, Persian digits and search forms, the domain's Persian words.

Imports nothing of the rest of ``app``, so every layer (services, exports, the
command line, the GUI) can use it.
"""
