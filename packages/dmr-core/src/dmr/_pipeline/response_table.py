"""The responses of one endpoint, compiled: status -> spec and adapter.

It holds what the endpoint declares, what its controller and the settings
add, and what its stages may answer with. It is both what response
validation checks and what the OpenAPI document shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from dmr._adapters import compile_adapter
from dmr._signature import EndpointSignature
from dmr.errors import EndpointDefinitionError
from dmr.responses import ResponseSpec
from dmr.serializer import Serializer, TypeAdapter


@dataclass(frozen=True, slots=True)
class ResponseEntry:
    """A declared response and the adapter for its body (``None``: no body)."""

    spec: ResponseSpec
    adapter: TypeAdapter | None


def build_response_table(
    signature: EndpointSignature,
    serializer: Serializer,
    levels: Iterable[Iterable[ResponseSpec]],
) -> dict[int, ResponseEntry]:
    """Compile every response of the endpoint, by status.

    ``levels`` come in order of precedence (the endpoint's own declarations,
    then its controller's and the settings', then its stages'): a status
    declared at one level hides it at the later ones. Two different bodies
    declared for one status at the same level are an error.
    """
    table: dict[int, ResponseEntry] = {}
    for level in levels:
        claimed: dict[int, ResponseSpec] = {}
        for spec in level:
            previous = claimed.get(spec.status_code)
            if previous is not None and previous.return_type != spec.return_type:
                raise EndpointDefinitionError(
                    f'{signature.qualname}: status {spec.status_code} is declared '
                    f'twice, as {previous.return_type!r} and {spec.return_type!r}',
                )
            claimed[spec.status_code] = spec
            if spec.status_code not in table:
                table[spec.status_code] = ResponseEntry(
                    spec,
                    _adapter(signature, serializer, spec),
                )
    return table


def _adapter(
    signature: EndpointSignature,
    serializer: Serializer,
    spec: ResponseSpec,
) -> TypeAdapter | None:
    if spec.return_type is None:
        return None
    return compile_adapter(
        signature.qualname,
        serializer,
        spec.return_type,
        direction='response',
        role=f'the {spec.status_code} response',
    )
