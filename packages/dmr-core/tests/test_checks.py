"""``manage.py check`` reports dmr's configuration errors by stable id."""

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from dmr.checks import INVALID_SETTINGS, SERIALIZER_UNAVAILABLE, check_settings
from tests.test_backends import Site, open_site


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A directory with one fake backend, ``fake``, installed."""
    for site in open_site(tmp_path, monkeypatch):
        site.install('dmr-fake', {'fake': 'fake_checked:FakeSerializer'})
        yield site


@pytest.mark.usefixtures('site')
@override_settings(DMR_SETTINGS={'serializer': 'nope'})
def test_missing_backend_fails_manage_py_check() -> None:
    """``check`` fails with dmr.E002, what is installed and what to install."""
    with pytest.raises(SystemCheckError) as caught:
        call_command('check')
    text = str(caught.value)
    assert SERIALIZER_UNAVAILABLE in text
    assert "Installed backends: 'fake'" in text
    assert "pip install the package that declares 'nope'" in text


@pytest.mark.usefixtures('site')
@override_settings(DMR_SETTINGS={'serializer': 'nope'})
def test_missing_backend_is_reported_as_serializer_unavailable() -> None:
    """An unresolvable backend is one error with id ``SERIALIZER_UNAVAILABLE``."""
    assert [error.id for error in check_settings()] == [SERIALIZER_UNAVAILABLE]


@override_settings(DMR_SETTINGS={'validate_response': False})
def test_invalid_settings_fail_manage_py_check() -> None:
    """``check`` fails with dmr.E001 and the message naming the bad key."""
    with pytest.raises(SystemCheckError) as caught:
        call_command('check')
    text = str(caught.value)
    assert INVALID_SETTINGS in text
    assert "'validate_response'" in text


@override_settings(DMR_SETTINGS={'parsers': 'json'})
def test_invalid_settings_are_reported_as_invalid_settings() -> None:
    """Settings that do not parse are one error with id ``INVALID_SETTINGS``."""
    assert [error.id for error in check_settings()] == [INVALID_SETTINGS]


def test_valid_settings_pass_the_check() -> None:
    """Valid settings naming an importable backend produce no messages."""
    assert check_settings() == []


def test_valid_settings_pass_manage_py_check() -> None:
    """``check`` reports no issues for a valid configuration."""
    out = StringIO()
    call_command('check', stdout=out)
    assert 'no issues' in out.getvalue()
