"""The OpenAPI document of stream endpoints: media types, item schema, their errors."""

from dmr.routing import path
from tests.openapi_support import document
from tests.streaming_app import SyncExport, SyncTicks


def test_event_stream_documents_both_formats_with_item_schema():
    """3.2 gives each stream media type the event schema as ``itemSchema``."""
    doc = document([path('ticks/', SyncTicks.as_view())], openapi_version='3.2.0')
    content = doc['paths']['/api/ticks/']['get']['responses']['200']['content']
    assert content == {
        media_type: {'itemSchema': {'$ref': '#/components/schemas/Tick'}}
        for media_type in ('text/event-stream', 'application/jsonl', 'application/x-ndjson')
    }


def test_before_32_the_item_schema_is_the_schema():
    """3.0 and 3.1 have no ``itemSchema``: the event schema is the media type's schema."""
    doc = document([path('export/', SyncExport.as_view())])
    content = doc['paths']['/api/export/']['get']['responses']['200']['content']
    assert content == {
        media_type: {'schema': {'$ref': '#/components/schemas/Tick'}}
        for media_type in ('application/jsonl', 'application/x-ndjson')
    }


def test_stream_documents_406_and_last_event_id_but_no_422():
    """An SSE stream answers 406 and 400 (``Last-Event-ID``); it cannot answer 422."""
    doc = document([path('ticks/', SyncTicks.as_view())])
    operation = doc['paths']['/api/ticks/']['get']
    assert sorted(operation['responses']) == ['200', '400', '406']
    assert 'Last-Event-ID' in operation['responses']['400']['description']
    assert [parameter['name'] for parameter in operation['parameters']] == ['last-event-id']


def test_json_lines_has_no_last_event_id():
    """JSON Lines has no ``Last-Event-ID``: only 406 besides its stream."""
    doc = document([path('export/', SyncExport.as_view())])
    assert sorted(doc['paths']['/api/export/']['get']['responses']) == ['200', '406']
