"""Realistic sample data (``dabir demo``): :func:`app.demo.fill.fill_demo` and the plans and texts it draws on."""
