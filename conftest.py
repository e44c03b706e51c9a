"""Loaded by every test run in the repository: dmr's catalogues, compiled.

The ``.mo`` files are built, never committed; the wheel's build hook makes
them for users, and this makes them for the editable installs the test
environments use (only catalogues whose ``.po`` changed are written again).
"""

import importlib.util
import pathlib

_CATALOGUES = pathlib.Path(__file__).parent / 'packages' / 'dmr-core' / 'catalogues.py'


def pytest_configure() -> None:
    """Compile the message catalogues before any test imports dmr."""
    spec = importlib.util.spec_from_file_location('dmr_catalogues', _CATALOGUES)
    assert spec is not None  # noqa: S101 - the file is ours
    assert spec.loader is not None  # noqa: S101 - the file is ours
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.compile_catalogues()
