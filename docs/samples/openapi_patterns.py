"""Patterns are Python's ``re``; the document's readers apply ECMA-262."""

import warnings
from typing import Annotated

import msgspec
from dmr import Body, Controller
from dmr.openapi import OpenAPIConfig, RegexDialectWarning, build_schema
from dmr.routing import Router, path


class Code(msgspec.Struct):
    # `\Z` is "end of text" in Python; the document writes ECMA-262's `$`.
    sku: Annotated[str, msgspec.Meta(pattern=r'^[A-Z]{3}-[0-9]{4}\Z')]


class Postcode(msgspec.Struct):
    # `\d` is any Unicode digit in Python and only 0-9 in ECMA-262.
    code: Annotated[str, msgspec.Meta(pattern=r'^\d{5}$')]


class CodeController(Controller):
    def post(self, code: Body[Code]) -> Code:
        return code


class PostcodeController(Controller):
    def post(self, postcode: Body[Postcode]) -> Postcode:
        return postcode


config = OpenAPIConfig(title='Codes')
schema = build_schema(Router('api/', [path('codes/', CodeController.as_view())]), config)
assert schema['components']['schemas']['Code']['properties']['sku']['pattern'] == (
    '^[A-Z]{3}-[0-9]{4}$'
)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always', RegexDialectWarning)
    build_schema(Router('api/', [path('postcodes/', PostcodeController.as_view())]), config)
(warning,) = caught
assert str(warning.message).startswith(
    "PostcodeController.post, Postcode.code: the pattern '^\\\\d{5}$' uses \\d (Unicode in Python",
)
