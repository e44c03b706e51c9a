"""A small app of the "In a Django project" section: notes."""
