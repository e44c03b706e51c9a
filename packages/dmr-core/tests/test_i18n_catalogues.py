"""The message catalogues: complete, consistent with the sources, and loadable."""

import importlib.util
import pathlib
import re
import sys

import pytest
from django.utils import translation

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location('dmr_catalogues', _ROOT / 'catalogues.py')
assert _spec is not None
assert _spec.loader is not None
catalogues = importlib.util.module_from_spec(_spec)
sys.modules['dmr_catalogues'] = catalogues
_spec.loader.exec_module(catalogues)

MARKED = catalogues.extract(catalogues.SOURCES)
PLACEHOLDER = re.compile(r'%\([a-z_]+\)s')
REQUIRED = {'de', 'es', 'fr', 'it', 'ja', 'pt_BR', 'ru', 'uk', 'zh_Hans', 'pl', 'nl'}


def _entries(language: str) -> dict[str, dict[str, object]]:
    path = catalogues.LOCALE / language / 'LC_MESSAGES' / 'django.po'
    return {str(entry['msgid']): entry for entry in catalogues.read_po(path) if entry['msgid']}


def test_the_required_languages_have_catalogues():
    """Every language the project promises has a catalogue."""
    assert set(catalogues.LANGUAGES) >= REQUIRED
    for language in catalogues.LANGUAGES:
        assert (catalogues.LOCALE / language / 'LC_MESSAGES' / 'django.po').is_file()


def test_messages_are_marked():
    """The extraction finds the core's messages, those of security included."""
    assert 'This field is required.' in MARKED
    assert 'Invalid API key' in MARKED


@pytest.mark.parametrize('language', catalogues.LANGUAGES)
def test_catalogue_holds_exactly_the_marked_messages(language):
    """A catalogue has every marked message and none that is no longer marked."""
    assert sorted(_entries(language)) == sorted(MARKED)


@pytest.mark.parametrize('language', catalogues.LANGUAGES)
def test_catalogue_is_translated(language):
    """No entry is untranslated or fuzzy."""
    for msgid, entry in _entries(language).items():
        assert entry.get('msgstr'), f'{language}: {msgid!r} is not translated'
        assert 'fuzzy' not in entry.get('flags', set()), f'{language}: {msgid!r} is fuzzy'


@pytest.mark.parametrize('language', catalogues.LANGUAGES)
def test_placeholders_are_kept(language):
    """A translation has the placeholders of its message, each as often."""
    for msgid, entry in _entries(language).items():
        wanted = sorted(PLACEHOLDER.findall(msgid))
        assert sorted(PLACEHOLDER.findall(str(entry['msgstr']))) == wanted, (language, msgid)


def test_unmarked_language_reads_english():
    """Without a catalogue for the language, a message is its English text, not a key."""
    with translation.override('tlh'):
        assert translation.gettext('This field is required.') == 'This field is required.'


def test_compiled_catalogues_are_used():
    """The compiled catalogue of a language translates the messages."""
    with translation.override('de'):
        assert translation.gettext('This field is required.') == 'Dieses Feld ist erforderlich.'


def test_po_reader_refuses_a_broken_line(tmp_path):
    """A line the reader does not understand names the file and the line."""
    broken = tmp_path / 'broken.po'
    broken.write_text('msgid "a"\nmsgstr "b"\nnonsense\n', encoding='utf-8')
    with pytest.raises(catalogues.CatalogueError, match=r'broken\.po:3'):
        catalogues.read_po(broken)


def test_po_reader_refuses_a_bad_string(tmp_path):
    """A string that is not a closed literal is refused, with its line."""
    broken = tmp_path / 'broken.po'
    broken.write_text('msgid "a\nmsgstr "b"\n', encoding='utf-8')
    with pytest.raises(catalogues.CatalogueError, match=r'broken\.po:1'):
        catalogues.read_po(broken)


def test_fuzzy_and_empty_entries_are_not_compiled(tmp_path):
    """A fuzzy or untranslated entry is left out of the ``.mo``, so English shows."""
    po = tmp_path / 'xx' / 'LC_MESSAGES' / 'django.po'
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr ""\n\n'
        'msgctxt "c"\nmsgid "d"\nmsgstr "D"\n"!"\n',
        encoding='utf-8',
    )
    assert catalogues.compile_catalogues(tmp_path) == [po.with_suffix('.mo')]
    assert catalogues.compile_catalogues(tmp_path) == []  # up to date: not written again
    import gettext

    with po.with_suffix('.mo').open('rb') as mo:
        compiled = gettext.GNUTranslations(mo)
    assert (compiled.gettext('a'), compiled.gettext('b')) == ('a', 'b')
    assert compiled.pgettext('c', 'd') == 'D!'


def test_update_adds_new_messages_untranslated(tmp_path):
    """Updating writes every marked message, keeping translations, new ones empty."""
    existing = tmp_path / 'de' / 'LC_MESSAGES' / 'django.po'
    catalogues.write_po(existing, 'de', {'This field is required.': 'Pflichtfeld.', 'gone': 'weg'})
    catalogues.update_catalogues(tmp_path)
    entries = {
        str(entry['msgid']): entry.get('msgstr')
        for entry in catalogues.read_po(existing)
        if entry['msgid']
    }
    assert entries['This field is required.'] == 'Pflichtfeld.'
    assert 'gone' not in entries
    assert entries['Invalid API key'] == ''
