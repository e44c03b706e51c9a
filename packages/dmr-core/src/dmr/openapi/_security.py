"""Security in the document: the auths' schemes and each operation's requirements.

Each auth of an endpoint is a ``components.securitySchemes`` entry, named by
its ``scheme_name``; an operation lists its auths as alternatives (``{}``
for ``Anonymous()``), and a public operation says ``security: []`` when the
document has any scheme, so that document-level ``security`` does not apply
to it. A document without auth says nothing about security.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from dmr._pipeline.endpoint import Endpoint
from dmr.security._auth import Anonymous
from dmr.serializer import JsonSchema


class SecuritySchemeConflictError(ValueError):
    """Two auths use one scheme name for two different schemes."""


def security_schemes(
    endpoints: Sequence[tuple[str, Endpoint]],
    configured: Mapping[str, Mapping[str, Any]] | None,
) -> dict[str, JsonSchema]:
    """The schemes of every auth the endpoints use, after the configured ones."""
    schemes: dict[str, JsonSchema] = {
        name: dict(scheme) for name, scheme in (configured or {}).items()
    }
    owners: dict[str, str] = {}
    for owner, endpoint in endpoints:
        for auth in endpoint.auth or ():
            if isinstance(auth, Anonymous):
                continue
            scheme = auth.security_scheme()
            previous = schemes.setdefault(auth.scheme_name, scheme)
            if previous != scheme:
                raise SecuritySchemeConflictError(
                    f'{owner} uses security scheme {auth.scheme_name!r} as {scheme!r}, but '
                    f'{owners.get(auth.scheme_name, "OpenAPIConfig")} defines it as '
                    f'{previous!r}; give one of the auths another scheme_name',
                )
            owners.setdefault(auth.scheme_name, owner)
    return schemes


def operation_security(endpoint: Endpoint) -> list[dict[str, list[str]]]:
    """The operation's Security Requirement Objects: its auths as alternatives."""
    return [
        {} if isinstance(auth, Anonymous) else {auth.scheme_name: []}
        for auth in endpoint.auth or ()
    ]


def check_requirements(
    requirements: Sequence[Mapping[str, Any]],
    schemes: Mapping[str, Any],
) -> None:
    """Refuse document-level requirements that name no scheme of the document."""
    unknown = sorted({name for item in requirements for name in item} - set(schemes))
    if unknown:
        raise ValueError(
            f'OpenAPIConfig.security names {", ".join(map(repr, unknown))}, which neither '
            'security_schemes nor an auth defines '
            f'(defined: {", ".join(map(repr, schemes)) or "nothing"})',
        )
