from django.apps import AppConfig


class TagsConfig(AppConfig):
    """Labels articles carry; served by async controllers."""

    name = 'tags'
