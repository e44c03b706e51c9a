"""Stream endpoints: what is checked when the class is created, and the SSE framing."""

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmr import Controller
from dmr.errors import EndpointDefinitionError
from dmr.streaming import SSE, EventStream, JsonLines
from dmr.streaming._formats import SSE_FORMAT
from tests.streaming_app import AsyncTicks, SyncTicks, Tick


def test_stream_without_item_type_is_refused():
    """``EventStream`` needs the type of its events."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad.get: EventStream needs the type'):

        class Bad(Controller):
            def get(self) -> EventStream:  # type: ignore[type-arg]  # the mistake under test
                yield Tick(1)


def test_generator_without_stream_annotation_is_refused():
    """A generator endpoint must say that it streams."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad.get: a generator endpoint streams'):

        class Bad(Controller):
            def get(self) -> Iterator[Tick]:
                yield Tick(1)


def test_stream_of_unsupported_items_is_refused():
    """The item type goes to the backend when the class is created."""
    with pytest.raises(EndpointDefinitionError, match=r'Bad.get: the 200 response is annotated'):

        class Bad(Controller):
            def get(self) -> JsonLines[complex]:
                yield 1j


def test_async_generator_and_sync_endpoints_do_not_mix():
    """An async generator endpoint is async: a sync one beside it is refused."""
    with pytest.raises(EndpointDefinitionError, match='all sync or all async'):

        class Bad(Controller):
            async def get(self) -> JsonLines[Tick]:
                yield Tick(1)

            def delete(self) -> None: ...


def test_async_generator_controller_is_an_async_view():
    """Django awaits the view of a controller whose endpoints are async generators."""
    assert asyncio.iscoroutinefunction(AsyncTicks.as_view())
    assert not asyncio.iscoroutinefunction(SyncTicks.as_view())


@pytest.mark.parametrize('field', ['id', 'event'])
@pytest.mark.parametrize('value', ['a\nb', 'a\rb', 'a\0b', 'x' * 257])
def test_sse_fields_refuse_line_breaks_nul_and_length(field: str, value: str):
    """An SSE ``id`` or ``event`` cannot break the framing of the stream."""
    with pytest.raises(ValueError, match=f'an SSE {field}'):
        SSE(Tick(1), **{field: value})


@pytest.mark.parametrize('retry', [-1, 1.5, True])
def test_sse_retry_is_milliseconds(retry: Any):
    """``retry`` is a count of milliseconds."""
    with pytest.raises(ValueError, match='an SSE retry'):
        SSE(Tick(1), retry=retry)


def _parse_sse(frame: bytes) -> tuple[dict[str, str], str]:
    """Read one event as an SSE client does (the HTML spec's algorithm, for these fields)."""
    fields: dict[str, str] = {}
    data: list[str] = []
    text = frame.decode()
    assert text.endswith('\n\n')
    for line in text[:-2].split('\n'):
        name, _, value = line.partition(':')
        value = value.removeprefix(' ')
        if name == 'data':
            data.append(value)
        else:
            fields[name] = value
    return fields, '\n'.join(data)


_line_text = st.text(st.characters(blacklist_characters='\r\n\0', codec='utf-8'), max_size=20)


@given(
    data=st.lists(_line_text, min_size=1, max_size=5).map('\n'.join),
    event_id=st.none() | _line_text,
    event=st.none() | _line_text,
    retry=st.none() | st.integers(min_value=0, max_value=10**9),
)
def test_sse_framing_reads_back(
    data: str, event_id: str | None, event: str | None, retry: int | None
):
    """Whatever the data's lines and the fields, a client reads back the same event."""
    frame = SSE_FORMAT.frame(data.encode(), SSE(data, id=event_id, event=event, retry=retry))
    fields, read = _parse_sse(frame)
    assert read == data
    assert fields.get('id') == event_id
    assert fields.get('event') == event
    assert fields.get('retry') == (None if retry is None else str(retry))
