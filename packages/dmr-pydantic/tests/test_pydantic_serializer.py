"""The backend against dmr's contract, strictness, and what each adapter method raises."""

import datetime
import json
import uuid
from typing import Any

import pytest
from django.test import RequestFactory
from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from dmr import Body, Controller
from dmr.backends import resolve_serializer
from dmr.checks import check_settings
from dmr.serializer import Serializer, TypeAdapter
from dmr_pydantic import InvalidDataError, PydanticSerializer
from pydantic_models import AliasedModel, AnyModel, ConstrainedModel, UserCreateModel


class Unencodable:
    """An object pydantic has no serializer for."""


class StrictSerializer(PydanticSerializer):
    strict_requests = True


class LaxSerializer(PydanticSerializer):
    strict_responses = False


def adapter(annotation: Any, direction: Any = 'request', serializer: Any = None) -> Any:
    return (serializer or PydanticSerializer()).adapter(annotation, direction=direction)


def test_serializer_satisfies_the_contract():
    """The backend and its adapters match dmr's protocols."""
    serializer = PydanticSerializer()

    assert isinstance(serializer, Serializer)
    assert isinstance(serializer.adapter(int, direction='request'), TypeAdapter)


def test_entry_point_name_resolves_to_the_backend():
    """`DMR_SETTINGS['serializer'] = 'pydantic'` finds this class."""
    assert isinstance(resolve_serializer('pydantic'), PydanticSerializer)


def test_dotted_path_resolves_a_subclass():
    """A subclass with other strictness is chosen by its dotted path."""
    serializer = resolve_serializer('test_pydantic_serializer.StrictSerializer')

    assert isinstance(serializer, StrictSerializer)
    assert serializer.strict_requests is True


def test_system_checks_pass_with_the_backend_installed():
    """`manage.py check` is clean with the backend named in the settings."""
    assert check_settings() == []


def test_controller_can_pin_the_backend():
    """`Controller[PydanticSerializer]` serves with this backend."""

    class PinnedController(Controller[PydanticSerializer]):
        def post(self, user: Body[UserCreateModel]) -> UserCreateModel:
            return user

    request = RequestFactory().post('/', b'{"email": "a"}', content_type='application/json')
    response = PinnedController.as_view()(request)

    assert (response.status_code, response.content) == (201, b'{"email":"a"}')


def test_pinned_strict_subclass_refuses_text_for_numbers_in_json():
    """`Controller[StrictSerializer]` validates JSON bodies strictly."""

    class StrictController(Controller[StrictSerializer]):
        def post(self, body: Body[ConstrainedModel]) -> ConstrainedModel:
            return body

    request = RequestFactory().post('/', b'{"age": "30"}', content_type='application/json')
    response = StrictController.as_view()(request)

    assert response.status_code == 400
    [detail] = json.loads(response.content)['detail']
    assert (detail['loc'], detail['type']) == (['body', 'age'], 'type_error')


def test_constructor_options_override_the_class_defaults():
    """Keyword options set strictness on one instance."""
    serializer = PydanticSerializer(strict_requests=False, strict_responses=False)

    assert (serializer.strict_requests, serializer.strict_responses) == (False, False)
    assert (PydanticSerializer.strict_requests, PydanticSerializer.strict_responses) == (
        True,
        True,
    )


def test_request_adapter_coerces_text():
    """Request `from_python` accepts text for numbers, booleans and UUIDs."""
    value = adapter(dict[str, int | bool | uuid.UUID]).from_python({'n': '1', 'b': 'true'})

    assert value == {'n': 1, 'b': True}


def test_strict_requests_still_coerce_text_components():
    """`strict_requests` is about JSON: query text is still coerced."""
    assert adapter(int, serializer=StrictSerializer()).from_python('1') == 1


def test_json_is_decoded_laxly_when_asked():
    """With `strict_requests=False`, request `from_json` coerces JSON text into numbers."""
    lax = PydanticSerializer(strict_requests=False)
    assert adapter(int, serializer=lax).from_json(b'"1"') == 1


def test_strict_requests_refuse_text_for_numbers():
    """With `strict_requests`, JSON `"1"` is no `int`."""
    with pytest.raises(InvalidDataError, match='Input should be a valid integer'):
        adapter(int, serializer=StrictSerializer()).from_json(b'"1"')


def test_response_adapter_is_strict():
    """Response validation refuses text where a number is declared."""
    with pytest.raises(InvalidDataError, match='Input should be a valid integer'):
        adapter(int, 'response').from_json(b'"1"')
    with pytest.raises(InvalidDataError, match='Input should be a valid integer'):
        adapter(int, 'response').from_python('1')


def test_lax_responses_coerce():
    """With `strict_responses = False`, responses are validated laxly."""
    assert adapter(int, 'response', LaxSerializer()).from_json(b'"1"') == 1


def test_strict_responses_accept_iso_strings():
    """Strict JSON mode still reads dates and UUIDs from their JSON strings."""
    moment = adapter(datetime.datetime, 'response').from_python('2024-01-02T03:04:05Z')

    assert moment == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def test_response_adapter_reads_aliases_only():
    """Responses are read back by the aliases `to_json` writes, not by name."""
    response = adapter(AliasedModel, 'response')

    assert response.from_json(b'{"userName": "a"}').user_name == 'a'
    with pytest.raises(InvalidDataError, match='userName'):
        response.from_json(b'{"user_name": "a"}')


def test_to_json_and_to_python_write_aliases():
    """Values encode to compact JSON and unstructure to primitives, by alias."""
    model = AliasedModel(userName='a')

    assert adapter(AliasedModel, 'response').to_json(model) == b'{"userName":"a","tagList":[]}'
    assert adapter(AliasedModel, 'response').to_python(model) == {'userName': 'a', 'tagList': []}


def test_to_python_writes_json_compatible_primitives():
    """`to_python` uses pydantic's JSON mode: UUIDs become strings."""
    assert adapter(uuid.UUID, 'response').to_python(uuid.UUID(int=1)) == str(uuid.UUID(int=1))


def test_malformed_json_raises_invalid_data():
    """Malformed JSON raises `InvalidDataError` wrapping pydantic's error."""
    with pytest.raises(InvalidDataError) as caught:
        adapter(Any).from_json(b'{"a": nope}')

    assert isinstance(caught.value.error, ValidationError)
    assert caught.value.error.errors()[0]['type'] == 'json_invalid'


@pytest.mark.parametrize('method', ['to_json', 'to_python'])
def test_unencodable_value_raises_serialization_error(method):
    """An object pydantic cannot serialize raises `PydanticSerializationError`."""
    with pytest.raises(PydanticSerializationError, match='Unencodable'):
        getattr(adapter(AnyModel, 'response'), method)(AnyModel(data=Unencodable()))


@pytest.mark.parametrize('method', ['to_json', 'to_python'])
def test_value_containing_itself_raises_serialization_error(method):
    """A cyclic value raises `PydanticSerializationError`, in both modes."""
    cycle: list[Any] = []
    cycle.append(cycle)

    with pytest.raises(PydanticSerializationError, match='Circular reference'):
        getattr(adapter(Any, 'response'), method)(cycle)


@pytest.mark.parametrize('error', [InvalidDataError, ValidationError, PydanticSerializationError])
def test_validation_errors_cover_every_failure_of_bad_data(error):
    """Each exception an adapter raises for bad data is a validation error."""
    assert issubclass(error, PydanticSerializer.validation_errors)


def test_adapter_repr_names_its_annotation_and_direction():
    """An adapter's repr says what it validates, and which way."""
    assert repr(adapter(int, 'response')) == "<PydanticAdapter <class 'int'> (response)>"
