"""The backend against dmr's contract, and what each adapter method raises."""

import uuid
from typing import Any

import msgspec
import pytest
from django.test import RequestFactory

from dmr import Body, Controller
from dmr.backends import resolve_serializer
from dmr.checks import check_settings
from dmr.parsers import Parser
from dmr.renderers import Renderer
from dmr.serializer import Serializer, TypeAdapter
from dmr_msgspec import MsgpackParser, MsgpackRenderer, MsgspecSerializer
from msgspec_models import AnyModel, UserCreateModel


class Unencodable:
    """An object msgspec has no encoding for."""


def test_serializer_satisfies_the_contract():
    """The backend, its adapters, parser and renderer match dmr's protocols."""
    serializer = MsgspecSerializer()

    assert isinstance(serializer, Serializer)
    assert isinstance(serializer.adapter(int, direction='request'), TypeAdapter)
    assert isinstance(MsgpackParser(), Parser)
    assert isinstance(MsgpackRenderer(), Renderer)


def test_entry_point_name_resolves_to_the_backend():
    """`DMR_SETTINGS['serializer'] = 'msgspec'` finds this class."""
    assert isinstance(resolve_serializer('msgspec'), MsgspecSerializer)


def test_system_checks_pass_with_the_backend_installed():
    """`manage.py check` is clean with the backend named in the settings."""
    assert check_settings() == []


def test_package_ships_msgpack_both_ways():
    """The parser and renderer it ships speak `application/msgpack`."""
    assert MsgpackParser.media_type == MsgpackRenderer.media_type == 'application/msgpack'


def test_controller_can_pin_the_backend():
    """`Controller[MsgspecSerializer]` serves with this backend."""

    class PinnedController(Controller[MsgspecSerializer]):
        def post(self, user: Body[UserCreateModel]) -> UserCreateModel:
            return user

    request = RequestFactory().post('/', b'{"email": "a"}', content_type='application/json')
    response = PinnedController.as_view()(request)

    assert (response.status_code, response.content) == (201, b'{"email":"a"}')


def adapter(annotation: Any, direction: Any = 'request') -> Any:
    return MsgspecSerializer().adapter(annotation, direction=direction)


def test_request_adapter_coerces_text():
    """Request `from_python` accepts text for numbers, booleans and UUIDs."""
    value = adapter(dict[str, int | bool | uuid.UUID]).from_python({'n': '1', 'b': 'true'})

    assert value == {'n': 1, 'b': True}


def test_response_adapter_is_strict():
    """Response `from_python` refuses text where a number is declared."""
    with pytest.raises(msgspec.ValidationError, match='Expected `int`, got `str`'):
        adapter(int, 'response').from_python('1')


def test_json_is_decoded_strictly_in_requests():
    """Request `from_json` does not coerce: JSON carries its own types."""
    with pytest.raises(msgspec.ValidationError, match='Expected `int`, got `str`'):
        adapter(int).from_json(b'"1"')


def test_to_json_and_to_python_unstructure_values():
    """Values encode to compact JSON and unstructure to primitives."""
    user = UserCreateModel(email='a')

    assert adapter(UserCreateModel, 'response').to_json(user) == b'{"email":"a"}'
    assert adapter(UserCreateModel, 'response').to_python(user) == {'email': 'a'}


def test_malformed_json_raises_decode_error():
    """Malformed JSON raises `msgspec.DecodeError`."""
    with pytest.raises(msgspec.DecodeError, match='malformed'):
        adapter(Any).from_json(b'{"a": nope}')


def test_invalid_utf8_in_a_string_is_a_validation_error():
    """Invalid UTF-8 inside a JSON string raises one of the backend's `validation_errors`.

    That is what makes dmr-core answer 400 (the conformance kit checks the
    answer); which class msgspec raises changed in msgspec 0.23.
    """
    with pytest.raises(MsgspecSerializer.validation_errors):
        adapter(str).from_json(b'"\xff"')


def test_deep_nesting_into_any_is_a_validation_error():
    """Untyped decoding of 20,000 nested arrays raises one of the backend's `validation_errors`."""
    with pytest.raises(MsgspecSerializer.validation_errors):
        adapter(AnyModel).from_json(b'{"data": ' + b'[' * 20_000 + b']' * 20_000 + b'}')


@pytest.mark.parametrize('method', ['to_json', 'to_python'])
def test_unencodable_value_raises_encode_error(method):
    """An object msgspec cannot encode raises `msgspec.EncodeError`."""
    with pytest.raises(msgspec.EncodeError, match='Unencodable'):
        getattr(adapter(AnyModel, 'response'), method)(AnyModel(data=Unencodable()))


@pytest.mark.parametrize('method', ['to_json', 'to_python'])
def test_value_containing_itself_raises_encode_error(method):
    """A cyclic value raises `msgspec.EncodeError`, not `RecursionError`."""
    cycle: list[Any] = []
    cycle.append(cycle)

    with pytest.raises(msgspec.EncodeError, match='recursion'):
        getattr(adapter(Any, 'response'), method)(cycle)


@pytest.mark.parametrize(
    'error',
    [
        msgspec.DecodeError,
        msgspec.ValidationError,
        msgspec.EncodeError,
        UnicodeDecodeError,
        RecursionError,
    ],
)
def test_validation_errors_cover_every_failure_of_bad_data(error):
    """Each exception an adapter raises for bad data is a validation error."""
    assert issubclass(error, MsgspecSerializer.validation_errors)


def test_adapter_repr_names_its_annotation_and_direction():
    """An adapter's repr says what it validates, and which way."""
    assert repr(adapter(int, 'response')) == "<MsgspecAdapter <class 'int'> (response)>"
