"""Stage: read and validate every request component (400, 413, 415).

One extractor per component parameter (``dmr/_extractors.py``) collects the
component's raw data and hands it to the backend's adapter. All the
components' errors are reported together.
"""

from typing import Any

from dmr._adapters import compile_adapter
from dmr._extractors import Extractor, build_extractor, declared_fields
from dmr._form_extractor import FormExtractor, FormFields, FormFiles, form_parsers
from dmr._message_context import MessageRenderer
from dmr._negotiation import ParserTable
from dmr._pipeline.exchange import Exchange
from dmr._pipeline.stage import Stage
from dmr._signature import EndpointSignature
from dmr.components import Component
from dmr.errors import (
    EndpointDefinitionError,
    ErrorDetail,
    RequestValidationError,
    prefix_details,
)
from dmr.files import wire_file_limits
from dmr.responses import ResponseSpec
from dmr.serializer import Serializer, TypeAdapter
from dmr.settings import get_settings

INVALID_REQUEST = 'Raised when request components cannot be parsed'
UNSUPPORTED_MEDIA_TYPE = 'Raised when the request `Content-Type` is not supported'
_BODY_COMPONENTS = frozenset({Component.BODY, Component.FILES})


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
        if any(extractor.component in _BODY_COMPONENTS for _, extractor in extractors):
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
                if name:
                    arguments[name] = extractor(request, path_kwargs)
                else:  # one extractor for several parameters (a form's body and files)
                    arguments.update(extractor(request, path_kwargs))
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
    adapters = {
        parameter.name: compile_adapter(
            signature.qualname,
            serializer,
            parameter.annotation,
            direction='request',
            role=f'parameter {parameter.name!r}',
        )
        for parameter in signature.parameters
    }
    by_component = {parameter.component: parameter for parameter in signature.parameters}
    extractors: list[tuple[str, Extractor]] = []
    files = by_component.get(Component.FILES)
    if files is not None:
        extractors.append(('', _form_extractor(signature, serializer, parsers, adapters)))
    extractors.extend(
        (
            parameter.name,
            build_extractor(
                parameter.component,
                parameter.annotation,
                serializer,
                adapters[parameter.name],
                parsers,
            ),
        )
        for parameter in signature.parameters
        if files is None or parameter.component not in _BODY_COMPONENTS
    )
    annotations: dict[str | int, Any] = {
        parameter.component.loc: parameter.annotation for parameter in signature.parameters
    }
    messages = MessageRenderer(serializer, annotations, 'request')
    return ParseComponents(tuple(extractors), serializer, error_model, messages)


def _form_extractor(
    signature: EndpointSignature,
    serializer: Serializer,
    parsers: ParserTable,
    adapters: dict[str, TypeAdapter],
) -> FormExtractor:
    """The one extractor of an endpoint's ``Files`` and ``Body``, which share the body."""
    multipart = [
        parser
        for parser in parsers.parsers.values()
        if parser.media_type == 'multipart/form-data' and id(parser) in form_parsers(parsers)
    ]
    if not multipart:
        raise EndpointDefinitionError(
            f'{signature.qualname}: Files[...] needs a multipart parser; add '
            'dmr.parsers.MultipartParser() to the parsers of the controller or of DMR_SETTINGS',
        )
    allow_nul = get_settings().allow_nul
    parameters = {parameter.component: parameter for parameter in signature.parameters}
    files = parameters[Component.FILES]
    body = parameters.get(Component.BODY)
    return FormExtractor(
        parsers,
        None
        if body is None
        else (
            body.name,
            FormFields(serializer, body.annotation, adapters[body.name], allow_nul=allow_nul),
        ),
        (
            files.name,
            FormFiles(
                serializer,
                adapters[files.name],
                declared_fields(serializer, files.annotation),
                wire_file_limits(serializer, files.annotation),
            ),
        ),
        allow_nul=allow_nul,
    )
