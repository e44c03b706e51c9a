"""The app of the conformance kit's rows."""

from django.apps import AppConfig


class RowsConfig(AppConfig):
    """``dmr.testing.rows``: one model, for the kit's listings; test settings only."""

    name = 'dmr.testing.rows'
    label = 'dmr_testing_rows'
    verbose_name = 'dmr conformance kit rows'
    default_auto_field = 'django.db.models.AutoField'
