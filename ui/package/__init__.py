"""The quarterly package in the app: the export wizard and the package window (report, import)."""
