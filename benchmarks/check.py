"""Correctness checks every worker passes before it is timed.

Frameworks spell some values differently on the wire (``Decimal`` as a
string or a number, a timedelta in ISO 8601 or Django's format), so the
response is compared to the request after both are read back into Python
values. Anything else must be equal: no field missing, none added.
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Mapping
from typing import Any, Protocol

from django.utils.dateparse import parse_duration

from benchmarks import payload
from benchmarks.wsgi import Response

VALIDATION_STATUSES = frozenset({400, 422})
"""django-ninja and FastAPI answer invalid requests with 422, the rest with 400."""


class CheckError(AssertionError):
    """A framework answered the benchmark's request wrongly."""


def _duration(value: str) -> datetime.timedelta:
    parsed = parse_duration(value)
    if parsed is None:
        raise CheckError(f'not a duration: {value!r}')
    return parsed


def normalise(user: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON user with its typed fields read back into Python values."""
    best_friend = user.get('best_friend')
    return {
        **user,
        'balance': decimal.Decimal(str(user['balance'])),
        'birthday': datetime.datetime.fromisoformat(user['birthday']),
        'membership': _duration(user['membership']),
        'promocodes': [uuid.UUID(code) for code in user['promocodes']],
        'friends': [normalise(friend) for friend in user['friends']],
        'best_friend': None if best_friend is None else normalise(best_friend),
    }


def check_created(response: Response, expected: Mapping[str, Any] = payload.USER) -> None:
    """The valid request: 201, JSON, the ``expected`` user and a fresh UUID ``uid``."""
    if response.status != 201:
        raise CheckError(f'expected 201, got {response.status}: {response.body[:500]!r}')
    content_type = response.headers.get('Content-Type', '')
    if not content_type.startswith('application/json'):
        raise CheckError(f'expected application/json, got {content_type!r}')
    data = json.loads(response.body)
    uid = data.pop('uid', None)
    if not isinstance(uid, str):
        raise CheckError(f'no string uid in the response: {uid!r}')
    uuid.UUID(uid)
    if normalise(data) != normalise(expected):
        raise CheckError(f'the response is not the request user: {response.body[:500]!r}')


class Client(Protocol):
    """Serves a request built from its parts: :class:`benchmarks.wsgi.Client` and the ASGI one."""

    def request(
        self,
        *,
        body: bytes = ...,
        query: str = ...,
        headers: Mapping[str, str] = ...,
    ) -> Response:
        """Serve one request."""


def bad_requests() -> dict[str, dict[str, Any]]:
    """Requests every framework must refuse, by what is wrong with them."""
    headers = dict(payload.HEADERS)
    del headers['X-API-Token']
    return {
        'invalid body field': {'body': payload.BROKEN_BODY},
        'malformed JSON': {'body': b'{"email":'},
        'missing header': {'headers': headers},
        'invalid query': {'query': 'per_page=x&count=2&page=3&filter=x'},
    }


def check_app(client: Client) -> None:
    """Run every check against ``client``; raise :class:`CheckError` on the first miss."""
    check_created(client.request())
    for problem, parts in bad_requests().items():
        response = client.request(**parts)
        if response.status not in VALIDATION_STATUSES:
            raise CheckError(
                f'{problem}: expected 400 or 422, got {response.status}: {response.body[:300]!r}',
            )
