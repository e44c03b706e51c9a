"""The serializer plugin contract.

The core never validates or (de)serializes data itself: a *serializer
backend* does, behind the two small protocols of this module. A backend is a
class that satisfies :class:`Serializer`; it is found through the entry-point
group ``dmr.serializers`` and chosen with ``DMR_SETTINGS['serializer']``.

The core asks a backend for one :class:`TypeAdapter` per annotation when a
controller is built, and the request path only calls the adapter's methods::

    adapter = serializer.adapter(UserModel, direction='request')
    user = adapter.from_json(b'{"email": "a@example.com"}')

A minimal backend for plain ``int``, written against the stdlib::

    import json

    class IntAdapter:
        array_fields = frozenset()

        def from_json(self, data, /):
            return self.from_python(json.loads(data))

        def from_python(self, data, /):
            if type(data) is not int:
                raise TypeError(f'Expected `int`, got `{type(data).__name__}`')
            return data

        def to_json(self, value, /):
            return json.dumps(self.to_python(value)).encode()

        def to_python(self, value, /):
            return value

    class IntSerializer:
        name = 'int-only'
        validation_errors = (TypeError, ValueError)

        def supports(self, annotation, /):
            return annotation is int

        def adapter(self, annotation, /, *, direction):
            return IntAdapter()

        def error_details(self, error, /):
            return [error_detail(str(error), type=ErrorType.TYPE_ERROR)]

A backend may also ship parsers and renderers for other media types (see
:mod:`dmr.parsers`); projects list them in ``DMR_SETTINGS``.
"""

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

    Besides the user's annotations, every endpoint asks its backend for
    response adapters of ``typing.Any`` and of the error body of its error
    format (``dmr.errors.ErrorModel`` or ``ProblemDetails``, TypedDicts), so
    every backend must support those three. Names in the definitions of
    :meth:`json_schema` stand for one shape: a type whose request and
    response schemas differ in more than ``required`` must get two names.
    """

    name: str
    """The entry-point name users put in ``DMR_SETTINGS['serializer']``."""

    validation_errors: tuple[type[Exception], ...]
    """Exceptions an adapter raises for invalid data (and only for it)."""

    def supports(self, annotation: Any, /) -> bool:
        """Whether :meth:`adapter` can compile ``annotation``.

        Every backend must support dmr's error bodies, ``ErrorModel`` and
        ``ProblemDetails`` (:mod:`dmr.errors`): ``typing_extensions``
        TypedDicts, which ``typing.is_typeddict`` does not recognise on
        Python 3.11 (use ``typing_extensions.is_typeddict``).
        """

    def adapter(self, annotation: Any, /, *, direction: Direction) -> TypeAdapter:
        """Compile ``annotation`` into an adapter, once, at import time."""

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        """Convert one of :attr:`validation_errors` into error details.

        ``loc`` is relative to the validated value (the core prefixes the
        component, such as ``"body"``) and ``type`` comes from
        :class:`dmr.errors.ErrorType`.
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


class UnsupportedAnnotationError(TypeError):
    """Raised by :meth:`Serializer.adapter` for a type it cannot handle."""
