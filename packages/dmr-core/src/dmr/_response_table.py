"""The responses of one endpoint, compiled: status -> spec and adapter.

It holds what the endpoint declares, what its controller and the settings
add, and the semantic responses the framework itself may answer with. It is
both what response validation checks and what the OpenAPI document shows.
"""

from dataclasses import dataclass
from typing import Any

from dmr._adapters import compile_adapter
from dmr._signature import EndpointSignature
from dmr.components import Component
from dmr.errors import EndpointDefinitionError, ErrorModel
from dmr.responses import ResponseSpec
from dmr.serializer import Serializer, TypeAdapter

SEMANTIC_DESCRIPTIONS = {
    400: 'Raised when request components cannot be parsed',
    406: 'Raised when provided `Accept` header cannot be satisfied',
    415: 'Raised when the request `Content-Type` is not supported',
    422: 'Raised when returned response does not match the response schema',
}


@dataclass(frozen=True, slots=True)
class ResponseEntry:
    """A declared response and the adapter for its body (``None``: no body)."""

    spec: ResponseSpec
    adapter: TypeAdapter | None


def semantic_responses(
    signature: EndpointSignature,
    *,
    validate_responses: bool,
    error_model: Any = ErrorModel,
) -> list[ResponseSpec]:
    """The framework's own responses that can happen on this endpoint."""
    components = {parameter.component for parameter in signature.parameters}
    statuses = [406]
    if components:
        statuses.append(400)
    if Component.BODY in components:
        statuses.append(415)
    if validate_responses:
        statuses.append(422)
    return [
        ResponseSpec(error_model, status_code=status, description=SEMANTIC_DESCRIPTIONS[status])
        for status in sorted(statuses)
    ]


def build_response_table(
    signature: EndpointSignature,
    shared: tuple[ResponseSpec, ...],
    serializer: Serializer,
    *,
    validate_responses: bool,
    error_model: Any = ErrorModel,
) -> dict[int, ResponseEntry]:
    """Compile every response the endpoint may answer with, by status.

    The endpoint's own declarations win over the controller's and the
    settings', which win over the semantic responses. Two different bodies
    declared for one status at the same level are an error.
    """
    table: dict[int, ResponseEntry] = {}
    levels = (
        signature.declared,
        shared,
        semantic_responses(
            signature,
            validate_responses=validate_responses,
            error_model=error_model,
        ),
    )
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
