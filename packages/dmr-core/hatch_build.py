"""The build hook of dmr-core: compile the message catalogues into the wheel."""

import importlib.util
import pathlib
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_HERE = pathlib.Path(__file__).resolve().parent


class CataloguesHook(BuildHookInterface):  # type: ignore[misc]  # hatchling ships no types
    """Builds every ``.mo`` from its ``.po`` before the wheel is assembled."""

    PLUGIN_NAME = 'custom'

    def initialize(
        self,
        version: str,  # noqa: ARG002 - hatchling's signature
        build_data: dict[str, Any],  # noqa: ARG002 - hatchling's signature
    ) -> None:
        """Compile the catalogues; the wheel's ``artifacts`` pattern ships them."""
        spec = importlib.util.spec_from_file_location('dmr_catalogues', _HERE / 'catalogues.py')
        assert spec is not None  # noqa: S101 - the file is ours
        assert spec.loader is not None  # noqa: S101 - the file is ours
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.compile_catalogues(force=True)
