"""``DMR_SETTINGS``: parsing, errors that name the key, and refreshing."""

from typing import Any

import pytest
from django.test import override_settings

from dmr.parsers import JsonParser
from dmr.renderers import JsonRenderer
from dmr.responses import ResponseSpec
from dmr.settings import DMRSettings, SettingsError, get_settings, parse_settings
from tests.stub_backend import StubSerializer


def handle_error(*args: Any) -> None:
    """An error handler for the settings to point at by dotted path."""


class NeedsArguments(JsonParser):
    def __init__(self, required: str) -> None:
        self.required = required


def test_empty_settings_are_the_defaults() -> None:
    """Every key is optional; ``{}`` gives the documented defaults."""
    parsed = parse_settings({})
    assert parsed == DMRSettings(
        serializer=None,
        validate_responses=True,
        parsers=None,
        renderers=None,
        responses=(),
        error_handler=None,
    )


@pytest.mark.parametrize(
    'serializer',
    ['stub', 'tests.stub_backend.StubSerializer', StubSerializer, None],
)
def test_serializer_is_kept_as_given(serializer: str | type | None) -> None:
    """A name, a dotted path, a class or ``None`` is kept for backend lookup."""
    assert parse_settings({'serializer': serializer}).serializer == serializer


@pytest.mark.parametrize('value', [True, False])
def test_validate_responses_takes_a_bool(value: bool) -> None:
    """``validate_responses`` keeps the boolean it is given."""
    assert parse_settings({'validate_responses': value}).validate_responses is value


@pytest.mark.parametrize(
    'given',
    [JsonParser(), JsonParser, 'dmr.parsers.JsonParser'],
    ids=['instance', 'class', 'dotted-path'],
)
def test_parsers_are_normalized_to_instances(given: Any) -> None:
    """A parser given as an instance, a class or a dotted path becomes an instance."""
    [parser] = parse_settings({'parsers': [given]}).parsers or ()
    assert isinstance(parser, JsonParser)


@pytest.mark.parametrize(
    'given',
    [JsonRenderer(), JsonRenderer, 'dmr.renderers.JsonRenderer'],
    ids=['instance', 'class', 'dotted-path'],
)
def test_renderers_are_normalized_to_instances(given: Any) -> None:
    """A renderer given as an instance, a class or a dotted path becomes one."""
    [renderer] = parse_settings({'renderers': (given,)}).renderers or ()
    assert isinstance(renderer, JsonRenderer)


def test_parser_instances_are_kept_as_given() -> None:
    """A configured parser instance is used itself, not a copy."""
    parser = JsonParser()
    assert parse_settings({'parsers': [parser]}).parsers == (parser,)


def test_responses_become_a_tuple_of_specs() -> None:
    """``responses`` keeps its ``ResponseSpec`` objects, in order."""
    specs = [ResponseSpec(None, 204), ResponseSpec(str, 409, 'Conflict')]
    assert parse_settings({'responses': specs}).responses == tuple(specs)


@pytest.mark.parametrize(
    'given',
    [handle_error, 'tests.test_settings.handle_error'],
    ids=['callable', 'dotted-path'],
)
def test_error_handler_is_a_callable_or_its_path(given: Any) -> None:
    """``error_handler`` accepts a callable or the dotted path to one."""
    assert parse_settings({'error_handler': given}).error_handler is handle_error


def test_unknown_key_suggests_the_close_match() -> None:
    """A misspelt key is an error naming it and the key that was meant."""
    with pytest.raises(SettingsError) as caught:
        parse_settings({'validate_response': False})
    message = str(caught.value)
    assert "'validate_response'" in message
    assert "Did you mean 'validate_responses'?" in message


def test_unknown_key_without_close_match_lists_known_keys() -> None:
    """A key like no other is an error that lists the keys there are."""
    with pytest.raises(SettingsError) as caught:
        parse_settings({'zzz': 1})
    message = str(caught.value)
    assert "'zzz'" in message
    assert 'Did you mean' not in message
    assert 'serializer, validate_responses, parsers' in message


sentinel = object()


@pytest.mark.parametrize(
    ('key', 'value', 'shown'),
    [
        ('serializer', 42, '42'),
        ('serializer', [42], '[42]'),
        ('serializer', [], '[]'),
        ('validate_responses', 'yes', "'yes'"),
        ('validate_responses', 1, '1'),
        ('validate_responses', None, 'None'),
        ('parsers', 'dmr.parsers.JsonParser', "'dmr.parsers.JsonParser'"),
        ('parsers', {'json': JsonParser()}, "{'json'"),
        ('parsers', [sentinel], repr(sentinel)),
        ('renderers', [JsonParser()], 'JsonParser'),
        ('renderers', 7, '7'),
        ('responses', [204], '204'),
        ('responses', 'oops', "'oops'"),
        ('responses', ResponseSpec(None, 204), 'ResponseSpec'),
        ('error_handler', 42, '42'),
        ('error_handler', 'dmr.settings.SETTING_NAME', 'dmr.settings.SETTING_NAME'),
    ],
)
def test_wrong_type_is_an_error_naming_key_and_value(
    key: str,
    value: Any,
    shown: str,
) -> None:
    """A value of the wrong type is an error naming the key and the value."""
    with pytest.raises(SettingsError) as caught:
        parse_settings({key: value})
    message = str(caught.value)
    assert f"DMR_SETTINGS['{key}']" in message
    assert shown in message


@pytest.mark.parametrize('raw', [None, [('serializer', 'stub')], 'serializer'])
def test_settings_must_be_a_dict(raw: Any) -> None:
    """``DMR_SETTINGS`` that is not a mapping is an error naming its type."""
    with pytest.raises(SettingsError, match=f'must be a dict, got {type(raw).__name__}'):
        parse_settings(raw)


@pytest.mark.parametrize('key', ['parsers', 'renderers'])
def test_empty_parser_or_renderer_list_is_an_error(key: str) -> None:
    """An empty list would make every request fail, so it is refused."""
    with pytest.raises(SettingsError, match=f"\\['{key}'\\] must not be empty"):
        parse_settings({key: []})


@pytest.mark.parametrize(
    ('key', 'value'),
    [
        ('parsers', ['dmr.parsers.NoSuchParser']),
        ('renderers', ['no_such_module.Renderer']),
        ('error_handler', 'no_such_module.handle'),
        ('error_handler', 'nodots'),
    ],
)
def test_unimportable_dotted_path_is_an_error(key: str, value: Any) -> None:
    """A dotted path that does not import is an error naming key and path."""
    path = value[0] if isinstance(value, list) else value
    with pytest.raises(SettingsError) as caught:
        parse_settings({key: value})
    message = str(caught.value)
    assert f"DMR_SETTINGS['{key}']: cannot import {path!r}" in message


def test_parser_class_that_cannot_be_instantiated_is_an_error() -> None:
    """A parser class that needs arguments is an error, not a ``TypeError``."""
    with pytest.raises(SettingsError, match='cannot instantiate NeedsArguments'):
        parse_settings({'parsers': [NeedsArguments]})


def test_get_settings_parses_once() -> None:
    """``get_settings`` returns the same object until the setting changes."""
    assert get_settings() is get_settings()


def test_get_settings_reads_django_settings() -> None:
    """``get_settings`` parses the project's ``DMR_SETTINGS``."""
    assert get_settings().serializer == 'tests.stub_backend.StubSerializer'


def test_get_settings_follows_override_settings() -> None:
    """Overriding ``DMR_SETTINGS`` is seen at once, and undone on exit."""
    before = get_settings()
    with override_settings(DMR_SETTINGS={'validate_responses': False}):
        assert get_settings().validate_responses is False
    assert get_settings() == before


def test_other_setting_changes_keep_the_parsed_settings() -> None:
    """Changing an unrelated Django setting does not re-parse ``DMR_SETTINGS``."""
    before = get_settings()
    with override_settings(DEBUG=True):
        assert get_settings() is before


def test_get_settings_raises_for_invalid_settings() -> None:
    """Invalid ``DMR_SETTINGS`` fail on first use with a ``SettingsError``."""
    with (
        override_settings(DMR_SETTINGS={'parsers': []}),
        pytest.raises(SettingsError),
    ):
        get_settings()


@pytest.mark.parametrize('key', ['parsers', 'renderers', 'error_handler'])
def test_none_means_the_default(key: str) -> None:
    """An explicit ``None`` is the same as leaving the key out."""
    assert getattr(parse_settings({key: None}), key) is None


def test_error_format_takes_a_known_name() -> None:
    """``error_format`` is ``'default'`` or ``'problem_details'``."""
    assert parse_settings({'error_format': 'problem_details'}).error_format == 'problem_details'
    with pytest.raises(SettingsError, match="'default', 'problem_details'"):
        parse_settings({'error_format': 'xml'})
