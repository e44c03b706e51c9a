"""``AttrsSerializer``: attrs classes and cattrs behind dmr's serializer contract."""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import cattrs
from cattrs import Converter
from cattrs.preconf.msgspec import MsgspecJsonConverter

from dmr.errors import ErrorDetail
from dmr.serializer import Direction, JsonSchema, UnsupportedAnnotationError
from dmr_attrs._adapter import AttrsAdapter
from dmr_attrs._converter import make_converter, register_enums
from dmr_attrs._errors import AttrsValidationError, error_details
from dmr_attrs._fields import Overrides, wire_fields
from dmr_attrs._schema import json_schema
from dmr_attrs._types import (
    Inspection,
    array_fields,
    inspect_annotation,
    is_attrs_class,
    unwrap,
)


class AttrsSerializer:
    """The attrs + cattrs serializer backend.

    Handles attrs classes (``@attrs.define``, ``@attrs.frozen``, slotted or
    not, ``kw_only``), ``TypedDict`` and plain types (``int``, ``list[str]``,
    ``UUID``, ``datetime``, ``Decimal``, enums, ``Literal``, unions,
    ``Any``...). Choose it with::

        DMR_SETTINGS = {'serializer': 'attrs'}

    or pin it on one controller with ``Controller[AttrsSerializer]``.

    Options are class attributes, so a subclass configures the backend and
    can be named in the settings (``'myproject.serializers.ApiSerializer'``);
    the same options are keyword arguments of the constructor::

        class ApiSerializer(AttrsSerializer):
            forbid_extra_keys = True  # unknown fields are errors
            omit_defaults = True  # fields equal to their default are left out
            overrides = {User: {'user_name': cattrs.override(rename='login')}}

    Override :meth:`configure_converter` to register hooks of your own.
    """

    name = 'attrs'
    validation_errors: tuple[type[Exception], ...] = (
        cattrs.BaseValidationError,  # cattrs' error groups: a class, a list, a dict
        AttrsValidationError,  # a plain value, malformed JSON, a value msgspec cannot encode
    )

    forbid_extra_keys: ClassVar[bool] = False
    """Refuse objects with keys the class does not declare (``extra_forbidden``)."""
    omit_defaults: ClassVar[bool] = False
    """Leave fields whose value equals their default out of the output."""
    overrides: ClassVar[Overrides] = MappingProxyType({})
    """cattrs overrides per class: ``{User: {'user_name': cattrs.override(rename='login')}}``."""
    schemas: ClassVar[Mapping[Any, JsonSchema]] = MappingProxyType({})
    """Types you taught the converter in :meth:`configure_converter`, and their JSON Schema."""

    def __init__(
        self,
        *,
        forbid_extra_keys: bool | None = None,
        omit_defaults: bool | None = None,
        overrides: Overrides | None = None,
        schemas: Mapping[Any, JsonSchema] | None = None,
    ) -> None:
        options = {
            'forbid_extra_keys': forbid_extra_keys,
            'omit_defaults': omit_defaults,
            'overrides': overrides,
            'schemas': schemas,
        }
        for option, value in options.items():
            if value is not None:
                setattr(self, option, value)
        self.converter = self._converter(text=False)
        """The strict converter: JSON bodies and every response."""
        self.text_converter = self._converter(text=True)
        """The converter of query strings, headers, cookies and path segments."""
        # cattrs-specific: the enums whose hooks are registered on both converters.
        self._enums: set[type] = set()

    def configure_converter(self, converter: Converter) -> None:
        """Register your hooks on ``converter``; called for both converters.

        List the types you add in :attr:`schemas`, with their JSON Schema, so
        that :meth:`supports` accepts them and the OpenAPI document shows them.
        """

    def supports(self, annotation: Any, /) -> bool:
        """Whether the backend handles ``annotation``; never raises."""
        return self._inspect(annotation).problem is None

    def adapter(self, annotation: Any, /, *, direction: Direction) -> AttrsAdapter:
        """The adapter for ``annotation``: cattrs hooks, reading text in requests.

        Raise :class:`dmr.serializer.UnsupportedAnnotationError` (a
        ``TypeError``) for an annotation the backend does not handle.
        """
        inspection = self._inspect(annotation)
        if inspection.problem is not None:
            raise UnsupportedAnnotationError(f'{annotation!r}: {inspection.problem}')
        new_enums = inspection.enums - self._enums
        if new_enums:
            register_enums(self.converter, new_enums, text=False)
            register_enums(self.text_converter, new_enums, text=True)
            self._enums |= new_enums
        target = unwrap(annotation)  # cattrs caches hooks by type: metadata may not hash
        strict = self.converter.get_structure_hook(target)
        return AttrsAdapter(
            annotation,
            target=target,
            structure=strict,
            python=(
                self.text_converter.get_structure_hook(target)
                if direction == 'request'
                else strict
            ),
            unstructure=self.converter.get_unstructure_hook(target),
            array_fields=array_fields(annotation, self.overrides),
            direction=direction,
        )

    def wire_names(self, annotation: Any, /) -> dict[str, str]:
        """Each field's wire name (an override's ``rename``, the attrs ``alias``), by attribute."""
        cls = unwrap(annotation)
        if not is_attrs_class(cls):
            return {}
        return {field.name: field.wire_name for field in wire_fields(cls, self.overrides)}

    def error_details(self, error: Exception, /) -> list[ErrorDetail]:
        """Convert one of :attr:`validation_errors` into error details."""
        return error_details(error, self._wire_name)

    def json_schema(
        self,
        annotation: Any,
        /,
        *,
        direction: Direction,
        ref_template: str,
    ) -> tuple[JsonSchema, dict[str, JsonSchema]]:
        """JSON Schema of ``annotation``, emitted by this package."""
        return json_schema(
            annotation,
            direction=direction,
            ref_template=ref_template,
            converter=self.converter,
            overrides=self.overrides,
            custom=self.schemas,
        )

    def _converter(self, *, text: bool) -> MsgspecJsonConverter:
        converter = make_converter(
            text=text,
            forbid_extra_keys=self.forbid_extra_keys,
            omit_defaults=self.omit_defaults,
            overrides=self.overrides,
        )
        self.configure_converter(converter)
        return converter

    def _inspect(self, annotation: Any) -> Inspection:
        return inspect_annotation(annotation, self.schemas)

    def _wire_name(self, cls: type, attribute: str) -> str:
        if not is_attrs_class(cls):
            return attribute
        for field in wire_fields(cls, self.overrides):
            if field.name == attribute:
                return field.wire_name
        return attribute
