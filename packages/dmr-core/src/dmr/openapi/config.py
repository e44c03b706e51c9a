"""``OpenAPIConfig``: the document-wide settings of the OpenAPI document."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_VERSION = re.compile(r'3\.(0|1|2)\.\d+')


def _is_list_of(value: object, key: str) -> bool:
    """A sequence (not a string or a mapping) of mappings that each have ``key``."""
    if isinstance(value, Mapping | str) or not isinstance(value, Sequence):
        return False
    return all(isinstance(item, Mapping) and key in item for item in value)


def _check_optional_object(name: str, value: object, key: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or (key is not None and key not in value):
        needs = f' with a {key!r}' if key else ''
        raise ValueError(f'{name} must be a mapping{needs}, got {value!r}')


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
    """Server Objects: ``[{'url': 'https://api.example.com', 'description': 'Production'}]``."""
    tags: Sequence[Mapping[str, Any]] = ()
    """Tag Objects, in the order the docs UIs show them: ``[{'name': 'users',
    'description': 'People who write.'}]``. Tags that operations use and this
    list lacks are added after it, by name."""
    contact: Mapping[str, Any] | None = None
    """The Info Object's Contact Object: ``{'name': ..., 'url': ..., 'email': ...}``."""
    license: Mapping[str, Any] | None = None
    """The Info Object's License Object: ``{'name': 'MIT', 'identifier': 'MIT'}``."""
    terms_of_service: str | None = None
    """The Info Object's ``termsOfService`` URL."""
    external_docs: Mapping[str, Any] | None = None
    """The document's ``externalDocs``: ``{'url': ..., 'description': ...}``."""
    security_schemes: Mapping[str, Mapping[str, Any]] | None = None
    """``components/securitySchemes`` besides the auths' own; ``None`` leaves the
    field out when no auth adds one (``{}`` writes it empty)."""
    security: Sequence[Mapping[str, Sequence[str]]] = ()
    """The document's Security Requirement Objects: ``[{'apiKey': []}]``; each name
    must be a scheme of ``security_schemes`` or of an auth the document uses."""
    info: Mapping[str, Any] = field(default_factory=dict)
    """Other fields of the Info Object (``summary``, extensions...); they win over the above."""
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
        if not _is_list_of(self.servers, 'url'):
            raise ValueError(
                f'servers must be a list of Server Objects such as '
                f"[{{'url': 'https://api.example.com'}}], got {self.servers!r}",
            )
        self._check_tags()
        _check_optional_object('contact', self.contact, None)
        _check_optional_object('license', self.license, 'name')
        _check_optional_object('external_docs', self.external_docs, 'url')
        _check_optional_object('security_schemes', self.security_schemes, None)
        self._check_security()

    def _check_tags(self) -> None:
        if not _is_list_of(self.tags, 'name'):
            raise ValueError(
                "tags must be a list of Tag Objects such as [{'name': 'users', "
                f"'description': '...'}}], got {self.tags!r}",
            )
        names = [tag['name'] for tag in self.tags]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f'tags lists {", ".join(map(repr, twice))} more than once')

    def _check_security(self) -> None:
        if isinstance(self.security, Mapping | str) or not all(
            isinstance(requirement, Mapping) for requirement in self.security
        ):
            raise ValueError(
                'security must be a list of Security Requirement Objects such as '
                f"[{{'apiKey': []}}], got {self.security!r}",
            )

    @property
    def dialect(self) -> str:
        """``'3.0'``, ``'3.1'`` or ``'3.2'``."""
        return self.openapi_version.rpartition('.')[0]
