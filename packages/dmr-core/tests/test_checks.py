"""``manage.py check`` reports dmr's configuration errors by stable id."""

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from dmr.checks import (
    INVALID_SETTINGS,
    LOGIN_REQUIRED_WITHOUT_AUTH,
    SERIALIZER_UNAVAILABLE,
    check_login_required,
    check_settings,
)
from dmr.security import DjangoSession
from tests.conftest import STARTPROJECT_MIDDLEWARE
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


LOGIN_REQUIRED = [
    *STARTPROJECT_MIDDLEWARE,
    'django.contrib.auth.middleware.LoginRequiredMiddleware',
]


class StrictLogin(LoginRequiredMiddleware):
    """A project's own subclass of the middleware."""


@override_settings(MIDDLEWARE=LOGIN_REQUIRED)
def test_login_required_without_dmr_auth_warns() -> None:
    """``LoginRequiredMiddleware`` and no ``DMR_SETTINGS['auth']``: one dmr.W001 warning."""
    [warning] = check_login_required()

    assert warning.id == LOGIN_REQUIRED_WITHOUT_AUTH
    assert warning.level == checks.WARNING
    assert "DMR_SETTINGS['auth']" in warning.msg
    assert 'answers 401' in (warning.hint or '')


@override_settings(MIDDLEWARE=LOGIN_REQUIRED)
def test_login_required_without_dmr_auth_is_shown_by_manage_py_check() -> None:
    """``manage.py check`` lists the warning (a security check) and does not fail."""
    out = StringIO()
    call_command('check', stdout=out, stderr=out)

    assert LOGIN_REQUIRED_WITHOUT_AUTH in out.getvalue()


@override_settings(MIDDLEWARE=[*STARTPROJECT_MIDDLEWARE, f'{__name__}.StrictLogin'])
def test_a_subclass_of_login_required_warns_too() -> None:
    """A project's subclass of the middleware locks views the same way."""
    assert [warning.id for warning in check_login_required()] == [LOGIN_REQUIRED_WITHOUT_AUTH]


@override_settings(
    MIDDLEWARE=LOGIN_REQUIRED,
    DMR_SETTINGS={'serializer': 'tests.stub_backend.StubSerializer', 'auth': [DjangoSession()]},
)
def test_login_required_with_dmr_auth_passes() -> None:
    """A default auth in ``DMR_SETTINGS['auth']``: no warning."""
    assert check_login_required() == []


def test_no_login_required_middleware_passes() -> None:
    """``startproject``'s middleware without ``LoginRequiredMiddleware``: no warning."""
    assert check_login_required() == []


@override_settings(MIDDLEWARE=['no.such.Middleware', *LOGIN_REQUIRED])
def test_a_middleware_that_does_not_import_is_left_to_django() -> None:
    """An unimportable entry is not this check's business; the others still count."""
    assert [warning.id for warning in check_login_required()] == [LOGIN_REQUIRED_WITHOUT_AUTH]


@override_settings(MIDDLEWARE=LOGIN_REQUIRED, DMR_SETTINGS={'parsers': 'json'})
def test_invalid_settings_are_left_to_the_settings_check() -> None:
    """Settings that do not parse are dmr.E001's; this check adds nothing."""
    assert check_login_required() == []
