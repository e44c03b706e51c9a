"""JSON through the project's serializer backend, for the test clients.

Request bodies are encoded with the backend's adapter of the value's own
class (a msgspec Struct, a pydantic model, an attrs instance, a dataclass),
or of ``typing.Any`` when the backend does not claim that class (dicts and
lists of anything it can write). Responses are decoded into an annotation
with its response adapter, strictly, as the endpoint's own response check
reads them.
"""

import re
from typing import Any

from django.http import HttpResponse, HttpResponseBase

from dmr._adapters import adapter_for, is_core_type
from dmr.backends import resolve_serializer
from dmr.errors import ErrorDetail, FrameworkError
from dmr.serializer import Serializer
from dmr.settings import get_settings

JSON_CONTENT_TYPE = 'application/json'

_JSON_MEDIA_TYPE = re.compile(r'^\s*application/([^;\s]+\+)?json\s*(;|$)', re.IGNORECASE)

SerializerSpec = str | type | list[str | type] | tuple[str | type, ...] | None
"""A backend as ``DMR_SETTINGS['serializer']`` names it; ``None``: the project's."""


class DecodeError(AssertionError):
    """A response that cannot be read as the annotation a test expects.

    An :class:`AssertionError`, so that pytest reports it as a failed
    expectation; :attr:`details` holds the backend's error details, empty
    when the response is not JSON at all.
    """

    def __init__(self, message: str, details: list[ErrorDetail] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


def is_json(content_type: str) -> bool:
    """Whether ``content_type`` is JSON: ``application/json`` or ``application/*+json``."""
    return _JSON_MEDIA_TYPE.match(content_type) is not None


def serializer_for(spec: SerializerSpec) -> Serializer:
    """The backend ``spec`` names, or the one the project's settings name now."""
    if spec is None:
        return resolve_serializer(get_settings().serializer)
    if isinstance(spec, list):
        spec = tuple(spec)
    return resolve_serializer(spec)


def encode(serializer: Serializer, value: Any) -> bytes:
    """``value`` as JSON bytes, written by ``serializer``."""
    annotation: Any = type(value)
    if not serializer.supports(annotation):
        annotation = Any
    try:
        return adapter_for(serializer, annotation, 'request').to_json(value)
    except Exception as exc:
        raise TypeError(
            f'The {serializer.name!r} serializer cannot encode {value!r} as JSON: {exc}',
        ) from exc


def decode(serializer: Serializer, response: HttpResponseBase, annotation: Any) -> Any:
    """The JSON body of ``response``, validated into ``annotation`` by ``serializer``."""
    content_type = response.get('Content-Type', '')
    if not is_json(content_type):
        raise DecodeError(
            f'The response ({response.status_code}) is not JSON: '
            f'its Content-Type is {content_type!r}',
        )
    if not is_core_type(annotation) and not serializer.supports(annotation):
        raise TypeError(f'The {serializer.name!r} serializer does not support {annotation!r}')
    if not isinstance(response, HttpResponse):
        raise DecodeError(f'The response ({response.status_code}) is streamed, not decoded whole')
    try:
        return adapter_for(serializer, annotation, 'response').from_json(response.content)
    except FrameworkError as exc:  # the core's own adapters: error bodies, plain JSON
        details = exc.details
    except serializer.validation_errors as exc:
        details = serializer.error_details(exc)
    raise DecodeError(
        f'The response ({response.status_code}) is not a valid {annotation!r}: {details}',
        details,
    )
