"""Messages of the shared error types: rendered by the core, in the request's language."""

import json
from typing import Any

from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory, override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from dmr import Body, Controller
from dmr.errors import ErrorType
from dmr.messages import SHARED_TYPES, render_message
from tests.models import UserCreate
from tests.stub_backend import StubSerializer

factory = RequestFactory()
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
CONTEXT_KEYS = st.sampled_from(
    [
        'expected',
        'minimum',
        'maximum',
        'exclusive_minimum',
        'exclusive_maximum',
        'limit',
        'kind',
        'pattern',
        'choices',
        'format',
    ],
)


class Users(Controller[StubSerializer]):
    def post(self, user: Body[UserCreate]) -> UserCreate:
        return user


def post(body: bytes, **headers: str) -> Any:
    request = factory.post('/', body, content_type='application/json', headers=headers)
    with translation.override('en'):
        return LocaleMiddleware(Users.as_view())(request)


@given(
    st.sampled_from(sorted(SHARED_TYPES)),
    st.dictionaries(CONTEXT_KEYS, JSON),
    st.sampled_from(['en', 'de', 'ja', 'tlh']),
)
def test_any_context_renders_a_message(error_type, context, language):
    """Whatever the context holds, a shared type renders a text with no raw placeholder."""
    with translation.override(language):
        message = render_message(error_type, context)
    assert isinstance(message, str)
    assert message
    assert '%(' not in message


@given(st.text().filter(lambda text: text not in SHARED_TYPES), st.dictionaries(st.text(), JSON))
def test_other_types_keep_their_message(error_type, context):
    """A type that is not shared has no rendered message: the backend's stays."""
    assert render_message(error_type, context) is None


def test_bounds_read_as_numbers():
    """Integer bounds written as floats read as integers."""
    message = render_message(ErrorType.OUT_OF_RANGE, {'exclusive_minimum': 0.0, 'maximum': 2.5})
    assert message == 'Must be greater than 0. Must be less than or equal to 2.5.'


def test_missing_field_reads_in_the_requested_language():
    """``Accept-Language`` picks the language of a shared message, via LocaleMiddleware."""
    response = post(b'{}', accept_language='fr')
    assert response.status_code == 400
    assert json.loads(response.content)['detail'] == [
        {'msg': 'Ce champ est obligatoire.', 'loc': ['body', 'email'], 'type': 'missing'},
    ]


def test_wrong_type_names_the_expected_type():
    """A ``type_error`` names the type the schema at its ``loc`` expects."""
    response = post(b'{"email": 5}', accept_language='de')
    assert json.loads(response.content)['detail'][0]['msg'] == (
        'Ein Wert vom Typ `string` erwartet.'
    )


def test_framework_answers_are_translated():
    """The core's own messages (a 415 here) are in the request's language too."""
    request = factory.post('/', b'x', content_type='text/plain', headers={'accept-language': 'es'})
    with translation.override('en'):
        response = LocaleMiddleware(Users.as_view())(request)
    assert response.status_code == 415
    assert json.loads(response.content)['detail'][0]['msg'].startswith('Content-Type ')
    assert 'no es compatible' in json.loads(response.content)['detail'][0]['msg']


def test_error_responses_vary_on_language():
    """An error body depends on the language: its response says so in ``Vary``."""
    response = Users.as_view()(factory.post('/', b'{}', content_type='application/json'))
    assert response.status_code == 400
    assert response['Vary'] == 'Accept-Language'


def test_success_responses_do_not_vary_on_language():
    """A success body is not translated: no ``Vary`` is added to it."""
    body = b'{"email": "a@example.com"}'
    response = Users.as_view()(factory.post('/', body, content_type='application/json'))
    assert response.status_code == 201
    assert not response.has_header('Vary')


@override_settings(USE_I18N=False)
def test_no_vary_without_translation():
    """With ``USE_I18N = False`` messages never vary, and neither does the response."""
    response = Users.as_view()(factory.post('/', b'{}', content_type='application/json'))
    assert response.status_code == 400
    assert not response.has_header('Vary')
