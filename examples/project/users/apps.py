from django.apps import AppConfig


class UsersConfig(AppConfig):
    """The people who write articles."""

    name = 'users'
