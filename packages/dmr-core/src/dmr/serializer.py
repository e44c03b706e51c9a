"""The serializer plugin contract.

The core never validates or (de)serializes data itself: a *serializer
backend* does, behind the two small protocols of this module. A backend is a
class that satisfies :class:`Serializer`; it is found through the entry-point
group ``dmr.serializers`` and chosen with ``DMR_SETTINGS['serializer']``.

The core asks a backend for one :class:`TypeAdapter` per annotation and
direction when a controller is built (and caches it), and the request path
only calls the adapter's methods::

    adapter = serializer.adapter(UserModel, direction='request')
    user = adapter.from_json(b'{"email": "a@example.com"}')

A minimal backend, complete, written against the stdlib: it handles plain
``int`` (text is coerced in requests, as query strings need) and, as every
backend must, ``typing.Any`` and the error bodies, which it passes through as
JSON data and documents as objects::

    import json
    from typing import Any

    import typing_extensions

    from dmr.errors import ErrorType, error_detail
    from dmr.serializer import UnsupportedAnnotationError

    class IntAdapter:
        array_fields = frozenset()

        def __init__(self, annotation, direction):
            self.checked = annotation is int
            self.coerce = direction == 'request'

        def from_json(self, data, /):
            return self.from_python(json.loads(data))  # malformed JSON: a ValueError

        def from_python(self, data, /):
            if not self.checked or type(data) is int:
                return data
            if self.coerce and isinstance(data, str) and data.isascii() and data.isdigit():
                return int(data)
            raise TypeError(f'Expected `int`, got `{type(data).__name__}`')

        def to_json(self, value, /):
            return json.dumps(self.to_python(value)).encode()  # unencodable: a TypeError

        def to_python(self, value, /):
            return value

    class IntSerializer:
        name = 'int-only'
        validation_errors = (TypeError, ValueError)

        def supports(self, annotation, /):
            return annotation in (int, Any) or typing_extensions.is_typeddict(annotation)

        def adapter(self, annotation, /, *, direction):
            if not self.supports(annotation):
                raise UnsupportedAnnotationError(f'{annotation!r}: int-only handles int')
            return IntAdapter(annotation, direction)

        def error_details(self, error, /):
            kind = ErrorType.TYPE_ERROR if isinstance(error, TypeError) else ErrorType.PARSE_ERROR
            return [error_detail(str(error), type=kind)]

        def json_schema(self, annotation, /, *, direction, ref_template):
            if annotation is int:
                return {'type': 'integer'}, {}
            if annotation is Any:
                return {}, {}
            name = annotation.__name__
            return {'$ref': ref_template.format(name=name)}, {name: {'type': 'object'}}

Invalid data and bugs are told apart by the backend. Data that does not fit
the annotation, in either direction, raises one of ``validation_errors``:
what a client sent (a 400), and what an endpoint returned, a value the
encoder cannot write included (a 422 when response validation is on).
Anything raised for another reason propagates, so a bug is a 500. An adapter
whose library encodes without checking types wraps the encode call alone and
re-raises what it raises about the value (``TypeError``, ``ValueError``...)
as one of ``validation_errors``, and checks the value against the annotation
first where the library would write a wrong one silently; the example above
relies on ``json`` raising ``TypeError`` for what it cannot write.

A backend may also ship parsers and renderers for other media types (see
:mod:`dmr.parsers`); projects list them in ``DMR_SETTINGS``.
"""

from collections.abc import Mapping
from typing import Any, Literal, Protocol, runtime_checkable

from dmr.errors import ErrorDetail

JsonSchema = dict[str, Any]
"""A JSON Schema document or fragment, as plain JSON-compatible data."""

Direction = Literal['request', 'response']
"""Which way data flows through an adapter.

Request adapters validate what clients send and may coerce (query strings
are text, so ``'1'`` becomes ``1``); response adapters check what the
application returns and should be strict.
"""


@runtime_checkable
class TypeAdapter(Protocol):
    """One annotation, compiled once by a backend, called on every request.

    Every ``from_*`` method returns a validated instance of the annotation or
    raises one of the backend's :attr:`Serializer.validation_errors`.
    """

    array_fields: frozenset[str]
    """Wire names of top-level fields that hold several values.

    Query strings and headers may repeat a key: the core passes a list of
    values for these fields and a single value for every other one.
    """

    def from_json(self, data: bytes, /) -> Any:
        """Decode JSON bytes straight into a validated value."""

    def from_python(self, data: Any, /) -> Any:
        """Validate Python primitives (str, int, list, dict...) into a value.

        Query strings, headers, cookies and path segments are text: the core
        reads each field's text by its table first (guided by
        :meth:`Serializer.json_schema`), so an ``integer`` field arrives as
        an ``int``. Request adapters must still accept text for scalar
        fields whose schema the table does not read (a custom type, say).
        """

    def to_json(self, value: Any, /) -> bytes:
        """Encode a value straight to JSON bytes."""

    def to_python(self, value: Any, /) -> Any:
        """Unstructure a value into JSON-compatible Python primitives."""


@runtime_checkable
class Serializer(Protocol):
    """A validation library plugged into dmr.

    A backend handles the user's annotations and nothing of the core's own:
    the core caches adapters per ``(annotation, direction)``, checks the
    direction, and answers its error bodies (``dmr.errors.ErrorModel``,
    ``ProblemDetails``) itself: it checks their shape, and encodes them
    with a pass-through adapter. That adapter is the backend's own adapter of
    ``typing.Any`` when :meth:`supports` claims ``Any`` (the natural case:
    it then writes a Struct or a model returned through ``Any`` as the
    library does); when it does not, the core reads and writes plain JSON
    values with the standard library. Names in the definitions of
    :meth:`json_schema` stand for one shape: a type whose request and
    response schemas differ in more than ``required`` must get two names.
    """

    name: str
    """The entry-point name users put in ``DMR_SETTINGS['serializer']``."""

    validation_errors: tuple[type[Exception], ...]
    """Exceptions an adapter raises for invalid data (and only for it)."""

    def supports(self, annotation: Any, /) -> bool:
        """Whether :meth:`adapter` can compile ``annotation``; never raises.

        The core asks before :meth:`adapter`, to refuse an unsupported
        annotation naming the endpoint, and to route each annotation to the
        backend that claims it when a project mixes backends. It never asks
        about ``ErrorModel`` or ``ProblemDetails``; it asks about
        ``typing.Any`` to choose the codec of its pass-through adapter.
        """

    def adapter(self, annotation: Any, /, *, direction: Direction) -> TypeAdapter:
        """Compile ``annotation`` into an adapter, at import time.

        ``direction`` is ``'request'`` or ``'response'`` (the core checks
        it). The core asks once per ``(annotation, direction)`` and keeps
        the adapter, so a backend needs no adapter cache of its own. Raise
        :class:`UnsupportedAnnotationError` for an annotation it cannot
        handle.
        """

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        """Convert one of :attr:`validation_errors` into error details.

        ``loc`` is relative to the validated value (the core prefixes the
        component, such as ``"body"``) and ``type`` comes from
        :class:`dmr.errors.ErrorType`. For the shared types
        (:data:`dmr.messages.SHARED_TYPES`) of request errors the core
        writes ``msg`` itself, from the type and the schema of
        :meth:`json_schema` at ``loc``, in the request's language; other
        types keep the backend's ``msg``.
        """

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        """JSON Schema of ``annotation`` and the definitions it refers to.

        Besides the OpenAPI document, the core reads it when it compiles a
        ``Headers`` model: the object's ``properties`` name the headers the
        model receives, and an ``additionalProperties`` schema makes it
        receive every header.

        The schema uses the JSON Schema 2020-12 dialect of OpenAPI 3.1; the
        core converts it for other OpenAPI versions. Named types (models,
        enums...) go into the returned definitions, keyed by a readable name
        unique per type, and are referred to with
        ``ref_template.format(name=name)``. In the ``'response'`` direction,
        a field that is always present in the output (one with a default,
        say) is required.
        """


@runtime_checkable
class WireNames(Protocol):
    """An optional capability of a :class:`Serializer`: the wire names of fields.

    The core reads what a model's annotations declare by attribute name
    (the :class:`dmr.files.FileLimit` of a ``Files[T]`` field) and finds the
    part a client sends by wire name. A backend whose library renames fields
    (an alias) says how, so that such a declaration follows its field;
    without this method, the core takes attribute names as wire names.
    """

    def wire_names(self, annotation: Any, /) -> Mapping[str, str]:
        """The wire name of each field of ``annotation``, by attribute name.

        Fields whose names are the same may be left out; an annotation
        without named fields has none (``{}``).
        """


class UnsupportedAnnotationError(TypeError):
    """Raised by :meth:`Serializer.adapter` for a type it cannot handle."""
