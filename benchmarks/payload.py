"""The one request every framework serves, byte for byte.

``POST /user/?per_page=1&count=2&page=3&filter=x`` with two required
headers and a JSON user of about 4 KB. Only the standard library is used
here, so the driver and every worker build exactly the same bytes.
"""

import json
import uuid
from typing import Any

PATH = '/user/'
QUERY = 'per_page=1&count=2&page=3&filter=x'
HEADERS = {'X-API-Token': 'benchmark-token', 'X-Request-Origin': 'benchmarks'}
LEVELS = ('junior', 'middle', 'senior')

_NAMESPACE = uuid.UUID('00000000-0000-4000-8000-0000000000d3')


def _promocodes(seed: int, count: int) -> list[str]:
    return [str(uuid.uuid5(_NAMESPACE, f'promo-{seed}-{index}')) for index in range(count)]


def _skills(seed: int, count: int) -> list[dict[str, Any]]:
    return [
        {'name': f'skill-{seed}-{index}', 'level': LEVELS[(seed + index) % 3], 'years': index + 1}
        for index in range(count)
    ]


def _item(name: str, depth: int, width: int) -> dict[str, Any]:
    parts = [] if depth == 0 else [_item(f'{name}.{i}', depth - 1, width) for i in range(width)]
    return {'name': name, 'quantity': depth + 1, 'parts': parts}


def _person(
    seed: int,
    *,
    friends: list[dict[str, Any]],
    best_friend: dict[str, Any] | None,
    items: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        'email': f'user{seed}@example.com',
        'age': 20 + seed,
        'height': 1.5 + seed / 100,
        'score': 50.25 + seed,
        'balance': f'{1000 + seed * 37}.{seed % 100:02d}',
        'birthday': f'19{70 + seed % 30}-0{1 + seed % 9}-1{seed % 10}T08:30:00+00:00',
        # Under a year: pydantic writes 365 days as 'P1Y', which Django's parser does not read.
        'membership': f'P{seed % 300}DT{seed % 24}H{seed % 60}M',
        'skills': _skills(seed, 2),
        'aliases': {'nick': f'u{seed}', 'team': 'core', 'rank': seed, 'floor': 3},
        'promocodes': _promocodes(seed, 2),
        'friends': friends,
        'best_friend': best_friend,
        'items': items,
    }


def make_user() -> dict[str, Any]:
    """The request body as Python data: a user, friends and nested items."""
    leaves = [_person(seed, friends=[], best_friend=None, items=[]) for seed in (2, 3, 4, 5)]
    best_friend = _person(
        6,
        friends=leaves[:2],
        best_friend=None,
        items=[_item('bag', 1, 2)],
    )
    return _person(
        1,
        friends=leaves,
        best_friend=best_friend,
        items=[_item('box', 2, 2), _item('crate', 1, 2)],
    )


def encode(data: Any) -> bytes:
    """Compact JSON, as a client would send it."""
    return json.dumps(data, separators=(',', ':')).encode()


USER = make_user()
BODY = encode(USER)
BROKEN_BODY = encode({**USER, 'age': 'old'})
"""Valid JSON with an invalid field: every framework must answer 400 or 422."""

SHAPES = ('friends', 'skills')
"""How the growth measure (``growth.py``) varies the body."""


def grown_user(shape: str, size: int) -> dict[str, Any]:
    """A variation of the benchmark's user for the growth measure.

    - ``('friends', n)``: a user with ``n`` friends and nothing else nested;
      each friend is a complete user (about 470 bytes of every field type),
      so the body grows by the same mix of work per byte, from under 1 KB
      (one friend) to 1 MB (about 2,200).
    - ``('skills', n)``: the benchmark's user whose own ``skills`` list has
      ``n`` entries (about 57 bytes each): one long list of small objects.
    """
    if shape == 'friends':
        friends = [
            _person(seed, friends=[], best_friend=None, items=[]) for seed in range(2, size + 2)
        ]
        return _person(1, friends=friends, best_friend=None, items=[])
    if shape == 'skills':
        return {**make_user(), 'skills': _skills(1, size)}
    raise ValueError(f'unknown shape {shape!r}; known: {", ".join(SHAPES)}')
