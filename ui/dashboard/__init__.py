"""The dashboard (داشبورد): a body's figures for a Jalali year or season, with charts."""
