"""The pytest plugin: registered by dmr-core's ``pytest11`` entry point, fixtures only."""

import os
import pathlib
import subprocess
import sys

import pytest


def test_the_plugin_is_registered_through_its_entry_point(pytestconfig: pytest.Config):
    """pytest loads ``dmr.testing.pytest_plugin`` under the name ``dmr``."""
    plugin = pytestconfig.pluginmanager.get_plugin('dmr')
    assert plugin is not None
    assert plugin.__name__ == 'dmr.testing.pytest_plugin'


def test_a_project_without_django_settings_runs_with_the_plugin(tmp_path: pathlib.Path):
    """Without pytest-django or any settings, tests run, and may even build a client."""
    (tmp_path / 'pytest.ini').write_text('[pytest]\n')
    (tmp_path / 'test_plain.py').write_text(
        'def test_plain():\n'
        '    assert True\n'
        '\n'
        'def test_client(dmr_client, dmr_async_client, dmr_rf, dmr_async_rf):\n'
        '    assert dmr_client.serializer is None\n',
    )
    environ = {key: value for key, value in os.environ.items() if key != 'DJANGO_SETTINGS_MODULE'}
    result = subprocess.run(
        [sys.executable, '-m', 'pytest', '-p', 'no:django', '-p', 'no:cacheprovider', '-q'],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '2 passed' in result.stdout
