"""The Qt front end: shows and edits; every decision lives in ``app``."""
