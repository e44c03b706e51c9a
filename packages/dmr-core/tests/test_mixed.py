"""Mixing backends: ``'auto'`` or a list routes each annotation to its backend."""

import dataclasses
import json
from importlib.metadata import EntryPoint
from typing import Annotated, Any, TypedDict

import pytest
from django.test import RequestFactory, override_settings

from dmr import Body, Controller
from dmr._mixed import MixedSerializer
from dmr.backends import BackendError, installed_backends, resolve_serializer
from dmr.errors import EndpointDefinitionError, ErrorType, error_detail
from dmr.files import FileLimit, UploadedFile, wire_file_limits
from dmr.openapi import build_schema
from dmr.routing import Router, path
from tests.stub_backend import StubSerializer, StubValidationError


class OtherError(ValueError):
    """The validation error of the second backend."""


class DataclassOnly(StubSerializer):
    name = 'dataclasses'

    def supports(self, annotation: Any, /) -> bool:
        return dataclasses.is_dataclass(annotation)


class Everything(StubSerializer):
    """Claims all the stub supports, and reports its errors as its own type."""

    name = 'everything'
    validation_errors = (OtherError,)

    def adapter(self, annotation: Any, /, *, direction: Any) -> Any:
        adapter = super().adapter(annotation, direction=direction)
        original = adapter.from_json

        def from_json(data: bytes, /) -> Any:
            try:
                return original(data)
            except StubValidationError as exc:
                raise OtherError(exc.msg) from exc

        adapter.from_json = from_json  # type: ignore[method-assign]
        return adapter

    def error_details(self, error: Exception, /) -> list[Any]:
        return [error_detail(f'other: {error}', [], ErrorType.VALUE_ERROR)]


@dataclasses.dataclass
class Pet:
    name: str


class Label(TypedDict):
    text: str


SETTINGS = {
    'serializer': [
        'tests.test_mixed.DataclassOnly',
        'tests.test_mixed.Everything',
    ],
}


class Mixed(Controller):
    def post(self, pet: Body[Pet]) -> Label:
        return {'text': pet.name}

    def put(self, label: Body[Label]) -> Pet:
        return Pet(name=label['text'])


def call(method: str, payload: bytes) -> Any:
    request = RequestFactory().generic(method, '/', payload, content_type='application/json')
    return Mixed.as_view()(request)


@override_settings(DMR_SETTINGS=SETTINGS)
def test_each_annotation_goes_to_the_first_backend_that_claims_it():
    """Dataclasses go to the first backend, TypedDicts to the second."""
    endpoint = Mixed.compiled().endpoints['POST']
    assert endpoint.serializer.name == 'dataclasses + everything'
    serializer = endpoint.serializer
    assert isinstance(serializer, MixedSerializer)
    assert serializer.owner(Pet).name == 'dataclasses'
    assert serializer.owner(Label).name == 'everything'


@override_settings(DMR_SETTINGS=SETTINGS)
def test_requests_and_responses_work_across_backends():
    """A request validated by one backend can answer with another's model."""
    response = call('POST', b'{"name": "rex"}')
    assert (response.status_code, json.loads(response.content)) == (201, {'text': 'rex'})
    assert call('PUT', b'{"text": "tag"}').status_code == 200


@override_settings(DMR_SETTINGS=SETTINGS)
def test_errors_are_converted_by_the_backend_that_raised_them():
    """Each backend's validation errors become details through that backend."""
    first = json.loads(call('POST', b'{}').content)['detail'][0]
    second = json.loads(call('PUT', b'{}').content)['detail'][0]
    assert first['type'] == 'missing'
    assert second['msg'].startswith('other: ')


@override_settings(DMR_SETTINGS=SETTINGS)
def test_documents_merge_the_components_of_both_backends():
    """The OpenAPI document holds both backends' definitions."""
    router = Router('api/', [path('mixed/', Mixed.as_view())])
    assert {'Pet', 'Label'} <= build_schema(router)['components']['schemas'].keys()


@override_settings(DMR_SETTINGS=SETTINGS)
def test_a_type_no_backend_claims_fails_at_class_creation():
    """An annotation none of the backends supports names them all."""
    with pytest.raises(EndpointDefinitionError, match="'dataclasses \\+ everything'"):

        class Unclaimed(Controller):
            def get(self) -> set[int]: ...


def test_unknown_errors_are_refused():
    """An exception no backend declared is not converted silently."""
    serializer = MixedSerializer([DataclassOnly(), Everything()])
    with pytest.raises(TypeError, match='not a validation error'):
        serializer.error_details(KeyError('x'))


def test_owner_names_the_backends_when_none_claims():
    """Asking for an unclaimed annotation's owner lists the backends."""
    serializer = MixedSerializer([DataclassOnly()])
    with pytest.raises(TypeError, match="supported by none of the backends: 'dataclasses'"):
        serializer.owner(int)


def test_auto_uses_every_installed_backend_by_name(monkeypatch: pytest.MonkeyPatch):
    """``'auto'`` mixes all installed backends, in the order of their names."""
    fake = {
        name: EntryPoint(name, f'tests.test_mixed:{target}', 'dmr.serializers')
        for name, target in [('zeta', 'Everything'), ('alpha', 'DataclassOnly')]
    }
    monkeypatch.setattr('dmr.backends.installed_backends', lambda: fake)
    serializer = resolve_serializer('auto')
    assert serializer.name == 'dataclasses + everything'


def test_auto_without_backends_is_an_error(monkeypatch: pytest.MonkeyPatch):
    """``'auto'`` with nothing installed says what to install."""
    monkeypatch.setattr('dmr.backends.installed_backends', dict)
    with pytest.raises(BackendError, match=r'pip install dmr-core\[msgspec\]'):
        resolve_serializer('auto')


def test_installed_backends_is_untouched():
    """The tests above patch discovery only for themselves."""
    assert installed_backends() == {}


SCAN_LIMIT = FileLimit(max_size=10)


@dataclasses.dataclass
class Scan:
    scan: Annotated[UploadedFile, SCAN_LIMIT]


class Renaming(DataclassOnly):
    """Tells the wire names of its fields, as a backend with aliases does."""

    def wire_names(self, annotation: Any, /) -> dict[str, str]:
        return {field.name: field.name.upper() for field in dataclasses.fields(annotation)}


def test_wire_names_come_from_the_backend_that_claims_the_annotation():
    """The mixed serializer answers the wire names of the owner of the annotation."""
    serializer = MixedSerializer([Renaming(), Everything()])
    assert serializer.wire_names(Pet) == {'name': 'NAME'}


def test_a_backend_without_wire_names_keeps_the_attribute_names():
    """An owner without ``wire_names`` renames nothing."""
    serializer = MixedSerializer([Everything()])
    assert serializer.wire_names(Pet) == {}


def test_file_limits_follow_the_wire_names_of_the_backend():
    """A ``FileLimit`` is keyed by the wire name its backend gives the field."""
    assert wire_file_limits(Renaming(), Scan) == {'SCAN': SCAN_LIMIT}
    assert wire_file_limits(Everything(), Scan) == {'scan': SCAN_LIMIT}
