"""dmr: typed REST controllers for Django with pluggable validation backends."""

from dmr.__about__ import __version__
from dmr.components import Body, Cookies, Files, Headers, Path, Query
from dmr.controller import Controller
from dmr.errors import APIError
from dmr.responses import ERROR_BODY, ResponseSpec, modify, validate

__all__ = [
    'ERROR_BODY',
    'APIError',
    'Body',
    'Controller',
    'Cookies',
    'Files',
    'Headers',
    'Path',
    'Query',
    'ResponseSpec',
    '__version__',
    'modify',
    'validate',
]
