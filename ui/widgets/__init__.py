"""Widgets and item-model helpers shared by the features: Jalali date field, completers, list editor, row models."""
