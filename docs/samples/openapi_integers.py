"""An integer in a request: how each OpenAPI version says it has no fraction."""

import msgspec
from dmr import Body, Controller
from dmr.openapi import OpenAPIConfig, build_schema
from dmr.routing import Router, path
from openapi_spec_validator import validate


class Comment(msgspec.Struct):
    author_id: int
    text: str


class Reply(msgspec.Struct):
    likes: int


class CommentController(Controller):
    def post(self, comment: Body[Comment]) -> Reply:
        return Reply(likes=0)


router = Router('', [path('comments/', CommentController.as_view())])
documents = {
    version: build_schema(router, OpenAPIConfig(openapi_version=version))
    for version in ('3.0.3', '3.1.0', '3.2.0')
}
for document in documents.values():
    validate(document)


def schema(version: str, name: str) -> dict[str, object]:
    return documents[version]['components']['schemas'][name]['properties']


# 3.1 and 3.2: the request's integer carries the note, the response's does not.
assert schema('3.1.0', 'Comment')['author_id'] == {
    'type': 'integer',
    'title': 'Author Id',
    '$comment': 'Written without a fraction or exponent: 2, not 2.0 or 2e0.',
}
assert schema('3.2.0', 'Comment') == schema('3.1.0', 'Comment')
assert schema('3.1.0', 'Reply')['likes'] == {'type': 'integer', 'title': 'Likes'}
# 3.0: `integer` means that spelling already, and its schemas have no `$comment`.
assert schema('3.0.3', 'Comment')['author_id'] == {'type': 'integer', 'title': 'Author Id'}
