"""The messages of the shared error types: the same words from every backend.

The core writes ``msg`` for the shared types from the schema at the error's
``loc`` (:mod:`dmr.messages`), so the same invalid request reads the same in
every language whatever the backend. Each case sends one mistake with
``Accept-Language: de``, ``fr`` and none, in the language Django picks for it,
to sync and async controllers, and expects these exact texts, identical for
every backend that runs the kit.
"""

import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.test import RequestFactory
from django.utils import translation

from dmr.components import Component
from dmr.testing.conformance._build import annotate, build_controller, component_annotation
from dmr.testing.conformance._cases import SCALARS, TEMPORAL
from dmr.testing.conformance._catalogue import Catalogue

_factory = RequestFactory()
_CONSTRAINTS = {'age': 30, 'name': 'ada', 'code': 'ABC'}

MESSAGE_CASES: tuple[tuple[str, str, Any, list[str | int], str, dict[str, str]], ...] = (
    (
        'missing',
        'scalars',
        {key: value for key, value in SCALARS.items() if key != 'count'},
        ['body', 'count'],
        'missing',
        {
            'en': 'This field is required.',
            'de': 'Dieses Feld ist erforderlich.',
            'fr': 'Ce champ est obligatoire.',
        },
    ),
    (
        'type-error',
        'scalars',
        {**SCALARS, 'count': 'x'},
        ['body', 'count'],
        'type_error',
        {
            'en': 'Expected a value of type `integer`.',
            'de': 'Ein Wert vom Typ `integer` erwartet.',
            'fr': 'Une valeur de type `integer` était attendue.',
        },
    ),
    (
        'too-short',
        'constraints',
        {**_CONSTRAINTS, 'name': 'a'},
        ['body', 'name'],
        'too_short',
        {
            'en': 'The minimum length is 2.',
            'de': 'Die Mindestlänge beträgt 2.',
            'fr': 'La longueur minimale est de 2.',
        },
    ),
    (
        'too-long',
        'constraints',
        {**_CONSTRAINTS, 'name': 'abcdefghijk'},
        ['body', 'name'],
        'too_long',
        {
            'en': 'The maximum length is 10.',
            'de': 'Die Höchstlänge beträgt 10.',
            'fr': 'La longueur maximale est de 10.',
        },
    ),
    (
        'out-of-range',
        'constraints',
        {**_CONSTRAINTS, 'age': 151},
        ['body', 'age'],
        'out_of_range',
        {
            'en': 'Must be greater than or equal to 0. Must be less than or equal to 150.',
            'de': 'Muss größer oder gleich 0 sein. Muss kleiner oder gleich 150 sein.',
            'fr': 'Doit être supérieur ou égal à 0. Doit être inférieur ou égal à 150.',
        },
    ),
    (
        'pattern-mismatch',
        'constraints',
        {**_CONSTRAINTS, 'code': 'abc'},
        ['body', 'code'],
        'pattern_mismatch',
        {
            'en': 'Must match the pattern `^[A-Z]{3}$`.',
            'de': 'Muss dem Muster `^[A-Z]{3}$` entsprechen.',
            'fr': 'Doit correspondre au motif `^[A-Z]{3}$`.',
        },
    ),
    (
        'invalid-enum',
        'choices',
        {'colour': 'blue', 'mode': 'slow'},
        ['body', 'colour'],
        'invalid_choice',
        {
            'en': 'Expected one of: `green`, `red`.',
            'de': 'Einer dieser Werte erwartet: `green`, `red`.',
            'fr': 'Une de ces valeurs était attendue : `green`, `red`.',
        },
    ),
    (
        'invalid-literal',
        'choices',
        {'colour': 'red', 'mode': 'medium'},
        ['body', 'mode'],
        'invalid_choice',
        {
            'en': 'Expected one of: `fast`, `slow`.',
            'de': 'Einer dieser Werte erwartet: `fast`, `slow`.',
            'fr': 'Une de ces valeurs était attendue : `fast`, `slow`.',
        },
    ),
    (
        'invalid-datetime',
        'temporal',
        {**TEMPORAL, 'moment': 'soon'},
        ['body', 'moment'],
        'invalid_format',
        {
            'en': 'Expected a date and time in ISO 8601 format, such as `2024-01-31T12:00:00Z`.',
            'de': (
                'Ein Datum mit Uhrzeit im ISO-8601-Format erwartet, etwa `2024-01-31T12:00:00Z`.'
            ),
            'fr': (
                'Une date et une heure au format ISO 8601 étaient attendues, '
                'par exemple `2024-01-31T12:00:00Z`.'
            ),
        },
    ),
    (
        'invalid-date',
        'temporal',
        {**TEMPORAL, 'day': '2024-13-01'},
        ['body', 'day'],
        'invalid_format',
        {
            'en': 'Expected a date in ISO 8601 format, such as `2024-01-31`.',
            'de': 'Ein Datum im ISO-8601-Format erwartet, etwa `2024-01-31`.',
            'fr': 'Une date au format ISO 8601 était attendue, par exemple `2024-01-31`.',
        },
    ),
    (
        'invalid-duration',
        'temporal',
        {**TEMPORAL, 'span': 'long'},
        ['body', 'span'],
        'invalid_format',
        {
            'en': 'Expected a duration in ISO 8601 format, such as `P1DT2H30M`.',
            'de': 'Eine Dauer im ISO-8601-Format erwartet, etwa `P1DT2H30M`.',
            'fr': 'Une durée au format ISO 8601 était attendue, par exemple `P1DT2H30M`.',
        },
    ),
    (
        'invalid-uuid',
        'temporal',
        {**TEMPORAL, 'ident': 'nope'},
        ['body', 'ident'],
        'invalid_format',
        {
            'en': 'Expected a UUID, such as `123e4567-e89b-12d3-a456-426614174000`.',
            'de': 'Eine UUID erwartet, etwa `123e4567-e89b-12d3-a456-426614174000`.',
            'fr': 'Un UUID était attendu, par exemple `123e4567-e89b-12d3-a456-426614174000`.',
        },
    ),
    (
        'invalid-decimal',
        'temporal',
        {**TEMPORAL, 'amount': 'lots'},
        ['body', 'amount'],
        'invalid_format',
        {
            'en': 'Expected a decimal number, such as `12.50`.',
            'de': 'Eine Dezimalzahl erwartet, etwa `12.50`.',
            'fr': 'Un nombre décimal était attendu, par exemple `12.50`.',
        },
    ),
    (
        'parse-error',
        'scalars',
        b'{"text": ',
        ['body'],
        'parse_error',
        {
            'en': 'The request body could not be parsed.',
            'de': 'Der Request-Body konnte nicht gelesen werden.',
            'fr': 'Le corps de la requête n\u2019a pas pu être analysé.',
        },
    ),
)
"""``(id, model, body, loc, type, msg by language)``: one mistake each."""


def _posting(catalogue: Catalogue, model_name: str, *, is_async: bool) -> Any:
    model = getattr(catalogue, model_name)
    annotations = {'body': component_annotation(Component.BODY, model), 'return': model}
    if is_async:

        async def post_async(self: Any, body: Any) -> Any:
            return body

        method = annotate(post_async, **annotations)
    else:

        def post(self: Any, body: Any) -> Any:
            return body

        method = annotate(post, **annotations)
    name = f'Messages{model_name.title()}{"Async" if is_async else ""}'
    return build_controller(name, catalogue.serializer, {'post': method}).as_view()


def _send(view: Any, body: Any, language: str, *, is_async: bool) -> Any:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {} if language == 'en' else {'Accept-Language': language}
    request = _factory.post('/', content, content_type='application/json', headers=headers)
    # What LocaleMiddleware does, without the URLconf it also reads.
    with translation.override(translation.get_language_from_request(request)):
        if is_async:
            return async_to_sync(view)(request)
        return view(request)


def message_tests(catalogue: Catalogue) -> type:
    """The message cases for one backend, as a base class of the suite."""
    views = {
        (model, is_async): _posting(catalogue, model, is_async=is_async)
        for model in {case[1] for case in MESSAGE_CASES}
        for is_async in (False, True)
    }

    class MessageTests:
        @pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])
        @pytest.mark.parametrize('language', ['en', 'de', 'fr'])
        @pytest.mark.parametrize('case', MESSAGE_CASES, ids=[case[0] for case in MESSAGE_CASES])
        def test_shared_types_read_alike(self, case: Any, language: str, is_async: bool) -> None:
            """A shared error type reads the same on every backend, in the client's language."""
            _, model, body, loc, error_type, messages = case
            response = _send(views[model, is_async], body, language, is_async=is_async)
            assert response.status_code == 400, response.content
            detail = json.loads(response.content)['detail']
            assert detail == [{'msg': messages[language], 'loc': loc, 'type': error_type}]
            assert 'Accept-Language' in response['Vary']

        def test_unknown_language_falls_back_to_english(self) -> None:
            """A language dmr has no catalogue for reads English, never a message key."""
            _, model, body, _, _, messages = MESSAGE_CASES[0]
            response = _send(views[model, False], body, 'tlh', is_async=False)
            assert json.loads(response.content)['detail'][0]['msg'] == messages['en']

    return MessageTests
