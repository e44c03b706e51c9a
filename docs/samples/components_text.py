"""Text is read by one table: the same answer on every backend."""

import datetime
import json

import msgspec
from django.test import RequestFactory
from dmr import Controller, Query


class Filters(msgspec.Struct):
    page: int
    ratio: float
    archived: bool
    since: datetime.date


class ArticleController(Controller):
    def get(self, filters: Query[Filters]) -> Filters:
        return filters


def errors(query: str) -> list[tuple[list[str | int], str]]:
    response = ArticleController.as_view()(RequestFactory().get(f'/?{query}'))
    assert response.status_code == 400
    return [(error['loc'], error['type']) for error in json.loads(response.content)['detail']]


accepted = ArticleController.as_view()(
    RequestFactory().get('/?page=7&ratio=-2.5e1&archived=false&since=2024-01-02'),
)
assert json.loads(accepted.content) == {
    'page': 7,
    'ratio': -25.0,
    'archived': False,
    'since': '2024-01-02',
}

# An integer is written without sign, fraction, exponent or leading zeros.
assert errors('page=1e3&ratio=1&archived=0&since=2024-01-02') == [
    (['query', 'page'], 'type_error'),
]
# Numbers are finite, booleans are one of four words, dates are dates.
assert errors('page=7&ratio=nan&archived=yes&since=2024-01-02T00:00:00') == [
    (['query', 'ratio'], 'type_error'),
    (['query', 'archived'], 'type_error'),
    (['query', 'since'], 'invalid_format'),
]
# NUL is refused in any text a client sends.
assert errors('page=%00&ratio=1&archived=1&since=2024-01-02') == [
    (['query', 'page'], 'value_error'),
]
