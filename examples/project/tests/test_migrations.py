import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_migrations_describe_the_models():
    """A model change without its migration fails here, not in production."""
    out = io.StringIO()
    call_command('makemigrations', '--check', '--dry-run', stdout=out)

    assert out.getvalue().strip() == 'No changes detected'
