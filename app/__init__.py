"""Dabir (دبیر): the secretariat's desk for administrative-reform bodies.

The core package never imports Qt; ``ui`` is the only front end.
"""

__version__ = "0.1.0"
