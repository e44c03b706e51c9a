"""The schemas of the default error model, the same for every backend."""

import inspect

from dmr.errors import ErrorDetail, ErrorModel, ProblemDetails
from dmr.serializer import JsonSchema

ERROR_MODEL = 'ErrorModel'
ERROR_DETAIL = 'ErrorDetail'
PROBLEM_DETAILS = 'ProblemDetails'


def _doc(model: type) -> str:
    return inspect.cleandoc(model.__doc__ or '')


def error_schemas(ref_template: str) -> dict[str, JsonSchema]:
    """``ErrorModel``, ``ProblemDetails`` and ``ErrorDetail`` as components."""
    return {
        ERROR_DETAIL: {
            'description': _doc(ErrorDetail),
            'properties': {
                'loc': {
                    'items': {'anyOf': [{'type': 'integer'}, {'type': 'string'}]},
                    'title': 'Loc',
                    'type': 'array',
                },
                'msg': {'title': 'Msg', 'type': 'string'},
                'type': {'title': 'Type', 'type': 'string'},
            },
            'required': ['msg'],
            'title': ERROR_DETAIL,
            'type': 'object',
        },
        ERROR_MODEL: {
            'description': _doc(ErrorModel),
            'properties': {
                'detail': {
                    'items': {'$ref': ref_template.format(name=ERROR_DETAIL)},
                    'title': 'Detail',
                    'type': 'array',
                },
            },
            'required': ['detail'],
            'title': ERROR_MODEL,
            'type': 'object',
        },
        PROBLEM_DETAILS: {
            'description': _doc(ProblemDetails),
            'properties': {
                'type': {'title': 'Type', 'type': 'string', 'format': 'uri-reference'},
                'title': {'title': 'Title', 'type': 'string'},
                'status': {'title': 'Status', 'type': 'integer'},
                'detail': {'title': 'Detail', 'type': 'string'},
                'errors': {
                    'items': {'$ref': ref_template.format(name=ERROR_DETAIL)},
                    'title': 'Errors',
                    'type': 'array',
                },
            },
            'required': ['type', 'title', 'status', 'detail', 'errors'],
            'title': PROBLEM_DETAILS,
            'type': 'object',
        },
    }
