"""Bodies and the directory: the body dialog (members, emblem) and the directory of people and units."""
