"""Streams (``dmr.streaming``): each event validated and encoded by the backend.

The endpoints return iterators (sync) or async iterators (async) of the
catalogue's models; the events must arrive as the backend writes them, one
per line or per SSE ``data`` line, and an invalid one must end the stream
with an error in the error model, the events after it unsent.
"""

import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, cast

import pytest
from asgiref.sync import async_to_sync
from django.test import RequestFactory

from dmr.controller import Controller
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from dmr.streaming import SSE, EventStream, JsonLines
from dmr.testing.conformance._build import annotate, build_controller
from dmr.testing.conformance._cases import INVALID_RESPONSES, SCALARS, TEMPORAL
from dmr.testing.conformance._catalogue import Catalogue

_factory = RequestFactory()
STREAMED = {
    'scalars': SCALARS,
    'temporal': TEMPORAL,
    'nested': {'child': SCALARS, 'children': [SCALARS]},
}
"""Wire data of the events each model's stream sends (twice)."""


def _valid(catalogue: Catalogue, name: str) -> Any:
    """A valid instance of model ``name``, read from its wire data by the backend."""
    adapter = catalogue.serializer().adapter(getattr(catalogue, name), direction='request')
    return adapter.from_python(STREAMED[name])


def _stream(events: Callable[[], list[Any]], returns: Any, *, is_async: bool) -> Any:
    if is_async:

        async def endpoint_async(self: Controller[Any]) -> Any:
            return _aiter(events())

        return annotate(endpoint_async, **{'return': returns})

    def endpoint(self: Controller[Any]) -> Iterator[Any]:
        return iter(events())

    return annotate(endpoint, **{'return': returns})


async def _aiter(events: list[Any]) -> AsyncIterator[Any]:
    for event in events:
        yield event


def stream_controllers(
    catalogue: Catalogue, *, is_async: bool
) -> dict[str, type[Controller[Any]]]:
    """``lines-<model>`` (JSON Lines), ``events`` (SSE with fields) and ``invalid``."""
    suffix = 'Async' if is_async else ''
    controllers: dict[str, type[Controller[Any]]] = {}
    for name in STREAMED:
        model = getattr(catalogue, name)
        controllers[f'lines-{name}'] = build_controller(
            f'Lines{name.title()}{suffix}Controller',
            catalogue.serializer,
            {
                'get': _stream(
                    lambda name=name: [_valid(catalogue, name)] * 2,  # type: ignore[misc]
                    cast('Any', JsonLines)[model],
                    is_async=is_async,
                ),
            },
        )
    sse = cast('Any', EventStream)[catalogue.scalars]
    controllers['events'] = build_controller(
        f'Events{suffix}Controller',
        catalogue.serializer,
        {
            'get': _stream(
                lambda: [SSE(_valid(catalogue, 'scalars'), id='1', event='change', retry=10)],
                sse,
                is_async=is_async,
            ),
        },
    )
    invalid = catalogue.construct(catalogue.scalars, INVALID_RESPONSES['scalars'])
    controllers['invalid'] = build_controller(
        f'InvalidEvents{suffix}Controller',
        catalogue.serializer,
        {
            'get': _stream(
                lambda: [_valid(catalogue, 'scalars'), invalid, _valid(catalogue, 'scalars')],
                sse,
                is_async=is_async,
            ),
        },
    )
    return controllers


def _read(catalogue: Catalogue, name: str, *, is_async: bool, accept: str) -> tuple[str, bytes]:
    view = stream_controllers(catalogue, is_async=is_async)[name].as_view()
    request = _factory.get('/', headers={'Accept': accept})
    response = async_to_sync(view)(request) if is_async else view(request)
    assert response.status_code == 200
    return response['Content-Type'], b''.join(response)


def stream_tests(catalogue: Catalogue) -> type:
    """The stream tests of one backend, as a base class of its suite."""
    modes = pytest.mark.parametrize('is_async', [False, True], ids=['sync', 'async'])

    class StreamContract:
        """Streamed events go through the backend, one at a time."""

        @modes
        @pytest.mark.parametrize('name', list(STREAMED))
        def test_each_json_line_is_written_by_the_backend(self, name: str, is_async: bool) -> None:
            """A JSON Lines stream sends each event as one line of its wire data."""
            media_type, body = _read(
                catalogue, f'lines-{name}', is_async=is_async, accept='application/jsonl'
            )
            assert media_type == 'application/jsonl'
            assert [json.loads(line) for line in body.splitlines()] == [STREAMED[name]] * 2

        @modes
        def test_sse_event_carries_its_fields(self, is_async: bool) -> None:
            """An SSE event sends its id, name and retry, and its data as the backend writes it."""
            media_type, body = _read(catalogue, 'events', is_async=is_async, accept='*/*')
            assert media_type == 'text/event-stream'
            head, data = body.split(b'data: ')
            assert head == b'id: 1\nevent: change\nretry: 10\n'
            assert json.loads(data) == SCALARS

        @modes
        def test_an_invalid_event_ends_the_stream(self, is_async: bool) -> None:
            """The invalid event becomes an error line at ``response``; nothing follows it."""
            _media_type, body = _read(
                catalogue, 'invalid', is_async=is_async, accept='application/x-ndjson'
            )
            first, error = body.splitlines()
            assert json.loads(first) == SCALARS
            details = json.loads(error)['detail']
            assert [detail['loc'][:2] for detail in details] == [['response', 'count']]

        @pytest.mark.parametrize('version', ['3.0.3', '3.1.0', '3.2.0'])
        def test_the_event_schema_is_documented(self, version: str) -> None:
            """The stream's media types document the event model (``itemSchema`` in 3.2)."""
            controllers = stream_controllers(catalogue, is_async=False)
            router = Router('', [path('events/', controllers['events'].as_view())])
            document = build_schema(router, OpenAPIConfig(openapi_version=version))
            content = document['paths']['/events/']['get']['responses']['200']['content']
            key = 'itemSchema' if version == '3.2.0' else 'schema'
            assert sorted(content) == [
                'application/jsonl',
                'application/x-ndjson',
                'text/event-stream',
            ]
            schemas = {json.dumps(media[key]) for media in content.values()}
            assert len(schemas) == 1
            from openapi_spec_validator import validate  # noqa: PLC0415 - a test dependency

            validate(document)

    return StreamContract
