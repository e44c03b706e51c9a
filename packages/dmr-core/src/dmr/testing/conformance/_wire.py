"""The wire contract: text read by one table, NUL refused, responses as declared.

Every case runs against sync and async controllers. Text is sent in a query
string read into the catalogue's ``Scalars`` and ``Temporal``; the core reads
it by its table (:mod:`dmr._text`), and the backend must then accept exactly
the values the table produced.
"""

import itertools
import json
from typing import Any
from urllib.parse import quote

import pytest
from asgiref.sync import async_to_sync
from django.http import HttpResponse
from django.test import RequestFactory

from dmr._text import read_boolean, read_integer, read_number
from dmr.testing.conformance._app import wire_controllers
from dmr.testing.conformance._cases import SCALARS, TEMPORAL
from dmr.testing.conformance._catalogue import Catalogue

_factory = RequestFactory()
_SCALARS_TEXT = {'text': 'hi', 'count': '3', 'ratio': '0.5', 'flag': 'true'}

Expected = Any
"""A JSON value the field must have, or an error ``type`` wrapped in :class:`Refused`."""


class Refused(str):
    """The error ``type`` a text must be refused with."""

    __slots__ = ()


TEXT_CASES: tuple[tuple[str, str, str, Expected], ...] = (
    ('scalars', 'count', '7', 7),
    ('scalars', 'count', '-7', -7),
    ('scalars', 'count', '0', 0),
    ('scalars', 'count', '1e3', Refused('type_error')),
    ('scalars', 'count', '1.0', Refused('type_error')),
    ('scalars', 'count', '2.0', Refused('type_error')),
    ('scalars', 'count', '+5', Refused('type_error')),
    ('scalars', 'count', '1_000', Refused('type_error')),
    ('scalars', 'count', ' 12 ', Refused('type_error')),
    ('scalars', 'count', '007', Refused('type_error')),
    ('scalars', 'count', '-0', Refused('type_error')),
    ('scalars', 'count', '', Refused('type_error')),
    ('scalars', 'ratio', '1.5', 1.5),
    ('scalars', 'ratio', '-2e3', -2000.0),
    ('scalars', 'ratio', '3', 3.0),
    ('scalars', 'ratio', 'nan', Refused('type_error')),
    ('scalars', 'ratio', 'inf', Refused('type_error')),
    ('scalars', 'ratio', 'Infinity', Refused('type_error')),
    ('scalars', 'ratio', '1e309', Refused('out_of_range')),
    ('scalars', 'ratio', '.5', Refused('type_error')),
    ('scalars', 'flag', 'true', True),
    ('scalars', 'flag', 'false', False),
    ('scalars', 'flag', '1', True),
    ('scalars', 'flag', '0', False),
    ('scalars', 'flag', 'yes', Refused('type_error')),
    ('scalars', 'flag', 'on', Refused('type_error')),
    ('scalars', 'flag', 'TRUE', True),
    ('scalars', 'flag', 'y', Refused('type_error')),
    ('scalars', 'text', '1e3', '1e3'),
    ('scalars', 'text', 'a\x00b', Refused('value_error')),
    ('temporal', 'day', '2024-01-02T03:04:05', Refused('invalid_format')),
    ('temporal', 'day', '2024-02-30', Refused('invalid_format')),
    ('temporal', 'moment', '2024-01-02 03:04:05Z', Refused('invalid_format')),
    ('temporal', 'moment', '2024-01-02T03:04:05+01:00', '2024-01-02T03:04:05+01:00'),
    ('temporal', 'clock', '3:04:05', Refused('invalid_format')),
    ('temporal', 'ident', '0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9', TEMPORAL['ident']),
    ('temporal', 'ident', '0f1e2d3c4b5a49788695a4b3c2d1e0f9', Refused('invalid_format')),
    ('temporal', 'amount', '1e3', Refused('invalid_format')),
    ('temporal', 'span', 'long', Refused('invalid_format')),
)
"""``(model, field, text, expected)``: how each text of a field is read."""

_ALPHABET = '01-.e+_ '
_TABLE = {'count': read_integer, 'ratio': read_number, 'flag': read_boolean}


def _short_texts() -> list[str]:
    """Every text of up to three characters over a few number-ish characters."""
    return [
        ''.join(chars)
        for size in range(1, 4)
        for chars in itertools.product(_ALPHABET, repeat=size)
    ]


def _table_says(field: str, text: str) -> Expected:
    try:
        return _TABLE[field](text)
    except ValueError as exc:
        return Refused(getattr(exc, 'error_type', 'type_error'))


def _call(view: Any, request: Any, *, is_async: bool) -> HttpResponse:
    if is_async:
        return async_to_sync(view)(request)  # type: ignore[no-any-return]
    return view(request)  # type: ignore[no-any-return]


def _query(model: str, field: str, text: str) -> str:
    values = dict(_SCALARS_TEXT if model == 'scalars' else TEMPORAL)
    values[field] = text
    return '&'.join(f'{key}={quote(value, safe="")}' for key, value in values.items())


def _check(response: HttpResponse, loc: tuple[Any, ...], expected: Expected) -> None:
    body = json.loads(response.content)
    if isinstance(expected, Refused):
        assert response.status_code == 400, body
        assert [(tuple(d['loc']), d['type']) for d in body['detail']] == [(loc, str(expected))]
    else:
        assert response.status_code == 200, body
        assert body[loc[-1]] == expected


def wire_tests(catalogue: Catalogue) -> type:
    """The wire-contract tests of one backend, as a base class of its suite."""

    def view(name: str, *, is_async: bool) -> Any:
        return wire_controllers(catalogue, is_async=is_async)[name].as_view()

    modes = pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])

    class WireContract:
        """What every backend answers alike on the wire."""

        @modes
        @pytest.mark.parametrize(
            ('model', 'field', 'text', 'expected'),
            TEXT_CASES,
            ids=[f'{case[1]}={case[2]!r}' for case in TEXT_CASES],
        )
        def test_text_is_read_by_the_table(
            self, model: str, field: str, text: str, expected: Expected, is_async: bool
        ) -> None:
            """A query value is accepted and read, or refused, as the table says."""
            request = _factory.get(f'/?{_query(model, field, text)}')
            response = _call(view(f'text-{model}', is_async=is_async), request, is_async=is_async)
            _check(response, ('query', field), expected)

        @modes
        @pytest.mark.parametrize('field', sorted(_TABLE))
        def test_every_short_text_follows_the_table(self, field: str, is_async: bool) -> None:
            """Every short text of number-ish characters is read exactly as the table says."""
            endpoint = view('text-scalars', is_async=is_async)
            for text in _short_texts():
                request = _factory.get(f'/?{_query("scalars", field, text)}')
                response = _call(endpoint, request, is_async=is_async)
                _check(response, ('query', field), _table_says(field, text))

        @modes
        @pytest.mark.parametrize('method', ['get', 'put'], ids=['model', 'list'])
        @pytest.mark.parametrize('name', ['leak', 'leak-unvalidated'])
        def test_undeclared_keys_never_leave(self, name: str, method: str, is_async: bool) -> None:
            """A returned key the model does not declare is dropped, validated or not."""
            request = getattr(_factory, method)('/')
            response = _call(view(name, is_async=is_async), request, is_async=is_async)
            assert response.status_code == 200, response.content
            body = json.loads(response.content)
            assert body == (SCALARS if method == 'get' else [SCALARS])

        @modes
        def test_a_body_that_cannot_be_encoded_is_a_422(self, is_async: bool) -> None:
            """``APIError(object())`` with validation on: 422 at ``response``, not a 500."""
            endpoint = view('unrenderable', is_async=is_async)
            response = _call(endpoint, _factory.get('/'), is_async=is_async)
            assert response.status_code == 422, response.content
            assert {d['loc'][0] for d in json.loads(response.content)['detail']} == {'response'}

        @modes
        def test_a_failure_of_the_response_path_is_a_500_in_the_error_model(
            self, is_async: bool
        ) -> None:
            """A header value with CR/LF cannot be sent: 500 in the error model, no HTML."""
            endpoint = view('bad-header', is_async=is_async)
            response = _call(endpoint, _factory.get('/'), is_async=is_async)
            assert response.status_code == 500
            assert response['Content-Type'] == 'application/json'
            assert json.loads(response.content) == {
                'detail': [{'msg': 'Internal server error', 'loc': [], 'type': 'internal_error'}],
            }

    return WireContract
