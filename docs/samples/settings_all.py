"""Every key of ``DMR_SETTINGS``, parsed the way Django's startup parses them."""

import msgspec
import pytest
from dmr import ResponseSpec
from dmr.openapi import OpenAPIConfig
from dmr.parsers import JsonParser
from dmr.renderers import JsonRenderer
from dmr.settings import SettingsError, parse_settings
from dmr_msgspec import MsgpackParser


class Unavailable(msgspec.Struct):
    retry_after: int


DMR_SETTINGS = {
    # Entry-point name ('msgspec'), dotted path, class, 'auto' or a list of those.
    'serializer': 'msgspec',
    # Check every response against what its endpoint declares (422 if it does not match).
    'validate_responses': True,
    # Request parsers, by Content-Type: instances, classes or dotted paths.
    'parsers': [JsonParser(), MsgpackParser, 'dmr.parsers.JsonParser'],
    # Response renderers, by Accept; the first one is the default.
    'renderers': ['dmr.renderers.JsonRenderer'],
    # Responses every endpoint may give: documented and validated.
    'responses': [ResponseSpec(Unavailable, status_code=503)],
    # Tried after endpoint and controller handlers: a callable or its dotted path.
    'error_handler': None,
    # The shape of error bodies: 'default' (dmr's error model) or 'problem_details'.
    'error_format': 'default',
    # The OpenAPI document's settings, used when build_schema() gets none.
    'openapi': OpenAPIConfig(title='Shop', version='1.4.0', openapi_version='3.1.0'),
}

parsed = parse_settings(DMR_SETTINGS)
assert parsed.serializer == 'msgspec'
assert [type(parser) for parser in parsed.parsers] == [JsonParser, MsgpackParser, JsonParser]
assert [type(renderer) for renderer in parsed.renderers] == [JsonRenderer]
assert parsed.openapi.title == 'Shop'

# Every key is optional; the defaults:
defaults = parse_settings({})
assert defaults.serializer is None  # the only backend installed
assert defaults.validate_responses is True
assert defaults.parsers is None  # JSON only
assert defaults.renderers is None  # JSON only
assert defaults.responses == ()
assert defaults.error_handler is None
assert defaults.error_format == 'default'
assert defaults.openapi is None  # OpenAPIConfig()

# Mistakes name the key and say what it takes.
with pytest.raises(SettingsError, match="Did you mean 'validate_responses'"):
    parse_settings({'validate_response': False})
with pytest.raises(SettingsError, match=r"\['renderers'\] must be a list of Renderers"):
    parse_settings({'renderers': 'dmr.renderers.JsonRenderer'})
