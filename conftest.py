"""Loaded by every test run in the repository, before any test module.

- dmr's catalogues, compiled: the ``.mo`` files are built, never committed;
  the wheel's build hook makes them for users, and this makes them for the
  editable installs the test environments use (only catalogues whose ``.po``
  changed are written again).
- Hypothesis' checks of speed (a deadline per example, the ``too_slow``
  health check) measure the machine, not the code: on a shared two-core CI
  runner they only turn load into failures. The properties themselves are
  checked in full.
"""

import importlib.util
import pathlib

from hypothesis import HealthCheck, settings

_CATALOGUES = pathlib.Path(__file__).parent / 'packages' / 'dmr-core' / 'catalogues.py'

settings.register_profile(
    'dmr',
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile('dmr')


def pytest_configure() -> None:
    """Compile the message catalogues before any test imports dmr."""
    spec = importlib.util.spec_from_file_location('dmr_catalogues', _CATALOGUES)
    assert spec is not None  # noqa: S101 - the file is ours
    assert spec.loader is not None  # noqa: S101 - the file is ours
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.compile_catalogues()
