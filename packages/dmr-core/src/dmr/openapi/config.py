"""``OpenAPIConfig``: the document-wide settings of the OpenAPI document."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_VERSION = re.compile(r'3\.(0|1|2)\.\d+')


def _is_server(value: object) -> bool:
    return isinstance(value, Mapping) and 'url' in value


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenAPIConfig:
    """What the document says about the API as a whole.

    ``openapi_version`` picks the output: ``3.0.x`` (the OpenAPI 3.0 schema
    dialect: ``nullable``, boolean ``exclusiveMinimum``, no ``const``),
    ``3.1.x`` or ``3.2.x`` (JSON Schema 2020-12).

    >>> OpenAPIConfig(title='Django Modern Rest', version='0.1.0', openapi_version='3.2.0')
    """

    title: str = 'API'
    version: str = '0.1.0'
    openapi_version: str = '3.1.0'
    description: str | None = None
    servers: Sequence[Mapping[str, Any]] = ()
    info: Mapping[str, Any] = field(default_factory=dict)
    """Other fields of the Info Object: ``contact``, ``license``..."""
    operation_id: Callable[[str, str, type], str] | None = None
    """``operation_id(method, path, controller)``: the default ``operationId``.

    ``None`` keeps dmr's rule (``postUsercontrollerApiUser``);
    ``OperationInfo(operation_id=...)`` still wins for one endpoint.
    """

    def __post_init__(self) -> None:
        """Refuse OpenAPI versions the generator does not write, and malformed servers."""
        if not _VERSION.fullmatch(self.openapi_version):
            raise ValueError(
                f'openapi_version {self.openapi_version!r} is not supported; '
                'use 3.0.x, 3.1.x or 3.2.x (such as 3.0.3, 3.1.0, 3.2.0)',
            )
        if isinstance(self.servers, Mapping | str) or not all(map(_is_server, self.servers)):
            raise ValueError(
                f'servers must be a list of Server Objects such as '
                f"[{{'url': 'https://api.example.com'}}], got {self.servers!r}",
            )

    @property
    def dialect(self) -> str:
        """``'3.0'``, ``'3.1'`` or ``'3.2'``."""
        return self.openapi_version.rpartition('.')[0]
