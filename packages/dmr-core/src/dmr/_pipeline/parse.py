"""Stage: read and validate every request component (400, 413, 415).

One extractor per component parameter (``dmr/_extractors.py``) collects the
component's raw data and hands it to the backend's adapter. All the
components' errors are reported together.
"""

from typing import Any

from dmr._adapters import compile_adapter
from dmr._extractors import Extractor, build_extractor
from dmr._message_context import MessageRenderer
from dmr._negotiation import ParserTable
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.stage import Stage
from dmr._signature import EndpointSignature
from dmr.components import Component
from dmr.errors import ErrorDetail, RequestValidationError, prefix_details
from dmr.responses import ResponseSpec
from dmr.serializer import Serializer

INVALID_REQUEST = 'Raised when request components cannot be parsed'
UNSUPPORTED_MEDIA_TYPE = 'Raised when the request `Content-Type` is not supported'


class ParseComponents(Stage):
    """Fills the exchange's arguments with the validated components."""

    def __init__(
        self,
        extractors: tuple[tuple[str, Extractor], ...],
        serializer: Serializer,
        error_model: Any,
        messages: MessageRenderer,
    ) -> None:
        self.extractors = extractors
        self.serializer = serializer
        self.messages = messages
        self.validation_errors = serializer.validation_errors
        responses = [ResponseSpec(error_model, status_code=400, description=INVALID_REQUEST)]
        if any(extractor.component is Component.BODY for _, extractor in extractors):
            responses.append(
                ResponseSpec(error_model, status_code=415, description=UNSUPPORTED_MEDIA_TYPE),
            )
        self.responses = tuple(responses)

    def enter(self, exchange: Exchange, /) -> None:
        """Validate each component; raise ``RequestValidationError`` with all errors."""
        request = exchange.request
        path_kwargs = exchange.path_kwargs
        arguments = exchange.arguments
        errors: list[ErrorDetail] = []
        for name, extractor in self.extractors:
            try:
                arguments[name] = extractor(request, path_kwargs)
            except self.validation_errors as exc:
                details = self.serializer.error_details(exc)
                errors.extend(
                    self.messages.render(prefix_details(extractor.component.loc, details)),
                )
            except RequestValidationError as exc:
                errors.extend(self.messages.render(exc.details, core=True))
        if errors:
            raise RequestValidationError(errors)


def parse_stage(
    signature: EndpointSignature,
    serializer: Serializer,
    parsers: ParserTable,
    error_model: Any,
) -> ParseComponents | None:
    """The parse stage of an endpoint; ``None`` when it takes no component."""
    if not signature.parameters:
        return None
    extractors = tuple(
        (
            parameter.name,
            build_extractor(
                parameter.component,
                parameter.annotation,
                serializer,
                compile_adapter(
                    signature.qualname,
                    serializer,
                    parameter.annotation,
                    direction='request',
                    role=f'parameter {parameter.name!r}',
                ),
                parsers,
            ),
        )
        for parameter in signature.parameters
    )
    annotations: dict[str | int, Any] = {
        parameter.component.loc: parameter.annotation for parameter in signature.parameters
    }
    messages = MessageRenderer(serializer, annotations, 'request')
    return ParseComponents(extractors, serializer, error_model, messages)
