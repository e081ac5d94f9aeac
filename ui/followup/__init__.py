"""Following up resolutions (پیگیری مصوبات): the tracker, its history view, the report and extension dialogs."""
