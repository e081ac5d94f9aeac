"""The application around the features: the QApplication, the main window, background jobs."""
