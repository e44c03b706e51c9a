"""The responses of one endpoint, compiled: status -> spec and adapter.

It holds what the endpoint declares, what its controller and the settings
add, and what its stages may answer with. It is both what response
validation checks and what the OpenAPI document shows.
"""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dmr._adapters import compile_adapter
from dmr._signature import EndpointSignature
from dmr.downloads import FileBody
from dmr.errors import EndpointDefinitionError
from dmr.responses import ERROR_BODY, ResponseSpec
from dmr.serializer import Serializer, TypeAdapter
from dmr.streaming._declaration import stream_declaration


@dataclass(frozen=True, slots=True)
class ResponseEntry:
    """A declared response and the adapter for its body.

    ``adapter`` is ``None`` for a response without a body, and for a file
    (a :class:`~dmr.downloads.FileBody`), whose bytes no backend reads.
    """

    spec: ResponseSpec
    adapter: TypeAdapter | None


def build_response_table(
    signature: EndpointSignature,
    serializer: Serializer,
    levels: Iterable[Iterable[ResponseSpec]],
    error_model: Any,
) -> dict[int, ResponseEntry]:
    """Compile every response of the endpoint, by status.

    ``levels`` come in order of precedence (the endpoint's own declarations,
    then its controller's and the settings', then its stages'): a status
    declared at one level hides it at the later ones. Two different bodies
    declared for one status at the same level are an error; two of the same
    body are one response, with both descriptions and all the headers. ``ERROR_BODY``
    stands for ``error_model``, the body of the endpoint's error format.
    """
    table: dict[int, ResponseEntry] = {}
    for level in levels:
        claimed: dict[int, ResponseSpec] = {}
        for declared in level:
            spec = declared
            if spec.return_type is ERROR_BODY:
                spec = dataclasses.replace(spec, return_type=error_model)
            previous = claimed.get(spec.status_code)
            if previous is not None:
                if previous.return_type != spec.return_type:
                    raise EndpointDefinitionError(
                        f'{signature.qualname}: status {spec.status_code} is declared '
                        f'twice, as {previous.return_type!r} and {spec.return_type!r}',
                    )
                spec = _merged(previous, spec)
            claimed[spec.status_code] = spec
        for status, spec in claimed.items():
            if status not in table:
                table[status] = ResponseEntry(spec, _adapter(signature, serializer, spec))
    return table


def _merged(first: ResponseSpec, second: ResponseSpec) -> ResponseSpec:
    """One response two declarations of a level describe: both reasons, all headers."""
    reasons = [reason for reason in (first.description, second.description) if reason]
    return dataclasses.replace(
        first,
        description='; '.join(dict.fromkeys(reasons)) or None,
        headers={**second.headers, **first.headers},
    )


def _adapter(
    signature: EndpointSignature,
    serializer: Serializer,
    spec: ResponseSpec,
) -> TypeAdapter | None:
    if spec.return_type is None or isinstance(spec.return_type, FileBody):
        return None
    stream = stream_declaration(spec.return_type)
    return compile_adapter(
        signature.qualname,
        serializer,
        spec.return_type if stream is None else stream.item,
        direction='response',
        role=f'the {spec.status_code} response',
    )
