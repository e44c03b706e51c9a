"""Configuration errors are Django system checks: ``manage.py check``."""

from django.core import checks
from django.test import override_settings
from dmr.checks import INVALID_SETTINGS, SERIALIZER_UNAVAILABLE


def reported() -> list[checks.CheckMessage]:
    """What ``manage.py check`` reports: every check but the silenced ones."""
    return [message for message in checks.run_checks() if not message.is_silenced()]


assert reported() == []  # the samples' settings are valid

with override_settings(DMR_SETTINGS={'validate_responses': 'yes'}):
    (error,) = reported()
    assert error.id == INVALID_SETTINGS == 'dmr.E001'
    assert "DMR_SETTINGS['validate_responses'] must be True or False" in error.msg

with override_settings(DMR_SETTINGS={'serializer': 'marshmallow'}):
    (error,) = reported()
    assert error.id == SERIALIZER_UNAVAILABLE == 'dmr.E002'
    assert "Serializer backend 'marshmallow' is not installed" in error.msg
    assert "Installed backends: 'attrs', 'msgspec', 'pydantic'" in error.msg
    assert "pip install the package that declares 'marshmallow'" in error.msg  # no such extra
