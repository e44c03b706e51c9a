from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Articles, each written by a user and carrying tags."""

    name = 'articles'
