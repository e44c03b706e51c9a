from django.conf import settings
from django.db import models


class User(models.Model):
    """Someone who writes articles; the email is unique, stored in lowercase.

    A profile may belong to an account of ``django.contrib.auth`` (its
    ``account``), which logs in and then writes as this profile.
    """

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=100)
    bio = models.CharField(max_length=500, blank=True, default='')
    created_at = models.DateTimeField(auto_now_add=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name='profile',
    )

    def __str__(self) -> str:
        return self.email
