from django.db import models


class User(models.Model):
    """Someone who writes articles; the email is unique, stored in lowercase."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=100)
    bio = models.CharField(max_length=500, blank=True, default='')
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email
