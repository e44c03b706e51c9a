"""OpenAPI request bodies of forms and uploads, in every version."""

from tests.openapi_support import document, operation, served
from tests.test_forms import Forms, Uploads

FILE_31 = {'type': 'string', 'contentMediaType': 'application/octet-stream'}


def _content(version: str, controller: type, method: str) -> dict:  # type: ignore[type-arg]
    schema = document(served(controller), openapi_version=version)
    return operation(schema, method)['requestBody']['content'], schema['components']['schemas']  # type: ignore[return-value]


def test_multipart_body_is_one_schema_of_fields_and_files() -> None:
    """The body and the files of one endpoint are one multipart schema (``allOf``)."""
    content, _ = _content('3.1.0', Uploads, 'put')
    assert content['multipart/form-data']['schema'] == {
        'allOf': [
            {'$ref': '#/components/schemas/Article'},
            {'$ref': '#/components/schemas/Attachments'},
        ],
    }


def test_multipart_encoding_lists_allowed_content_types() -> None:
    """A file field limited to some content types has them in ``encoding``."""
    content, _ = _content('3.1.0', Uploads, 'put')
    assert content['multipart/form-data']['encoding'] == {'avatar': {'contentType': 'image/png'}}


def test_urlencoded_body_is_absent_where_files_are_taken() -> None:
    """An endpoint with Files documents no urlencoded body, which cannot carry files."""
    content, _ = _content('3.1.0', Uploads, 'put')
    assert set(content) == {'application/json', 'multipart/form-data'}


def test_form_only_endpoint_documents_every_parser() -> None:
    """A Body-only endpoint documents its model under JSON, urlencoded and multipart."""
    content, _ = _content('3.1.0', Forms, 'put')
    assert set(content) == {
        'application/json',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
    }


def test_files_use_content_media_type_in_31() -> None:
    """In 3.1 a file field is a string with ``contentMediaType``."""
    _, schemas = _content('3.1.0', Uploads, 'put')
    assert schemas['Attachments']['properties']['avatar'] == FILE_31


def test_files_use_format_binary_in_30() -> None:
    """In 3.0 a file field is a string of ``format: binary``."""
    _, schemas = _content('3.0.3', Uploads, 'put')
    assert schemas['Attachments']['properties']['avatar'] == {'type': 'string', 'format': 'binary'}
