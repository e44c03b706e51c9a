"""The one model of the kit's app: a member of a listing who joined at some moment."""

from datetime import datetime

from django.db import models


class Row(models.Model):
    """A row of the pagination suite's listings: ``name``, ``joined``, ``staff``."""

    name: 'models.CharField[str, str]' = models.CharField(max_length=50, unique=True)
    joined: 'models.DateTimeField[datetime, datetime]' = models.DateTimeField()
    staff: 'models.BooleanField[bool, bool]' = models.BooleanField(default=False)

    class Meta:
        """The kit's app, whatever module imports the model."""

        app_label = 'dmr_testing_rows'
