"""Compile the message catalogues of dmr: every ``.po`` into its ``.mo``.

The ``.mo`` files are built, never committed: the wheel's build hook
(``hatch_build.py``) runs :func:`compile_catalogues` and ships the result,
and the test suites run it for the editable installs they import (only the
catalogues whose ``.po`` changed are written again). Standard library only.

    python packages/dmr-core/catalogues.py
"""

import ast
import pathlib
import struct
import sys

LOCALE = pathlib.Path(__file__).resolve().parent / 'src' / 'dmr' / 'locale'
_MAGIC = 0x950412DE
_KEYWORDS = ('msgctxt', 'msgid', 'msgstr')


class CatalogueError(ValueError):
    """A ``.po`` file that cannot be read, with its path and line."""


def read_po(path: pathlib.Path) -> list[dict[str, object]]:
    """The entries of a ``.po`` file: ``msgctxt``, ``msgid``, ``msgstr`` and ``flags``."""
    entries: list[dict[str, object]] = []
    entry: dict[str, object] = {}
    field = None
    for number, raw in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith('#') and not line.startswith('#,')):
            continue
        if line.startswith('#,'):
            if 'msgid' in entry:
                entries.append(entry)
                entry = {}
            flags = {flag.strip() for flag in line[2:].split(',')}
            entry['flags'] = set(entry.get('flags', set())) | flags  # type: ignore[arg-type]
            continue
        keyword, _, rest = line.partition(' ')
        if keyword in _KEYWORDS:
            if keyword in ('msgctxt', 'msgid') and 'msgstr' in entry:
                entries.append(entry)
                entry = {}
            field, line = keyword, rest.strip()
            entry[field] = ''
        if field is None or not line.startswith('"'):
            raise CatalogueError(f'{path}:{number}: cannot read {raw!r}')
        try:
            entry[field] = str(entry[field]) + ast.literal_eval(line)
        except (SyntaxError, ValueError) as exc:
            raise CatalogueError(f'{path}:{number}: bad string {raw!r}') from exc
    if 'msgid' in entry:
        entries.append(entry)
    return entries


def mo_bytes(entries: list[dict[str, object]]) -> bytes:
    """The GNU ``.mo`` encoding of ``entries``; fuzzy and empty translations are left out."""
    messages: dict[bytes, bytes] = {}
    for entry in entries:
        msgstr = str(entry.get('msgstr', ''))
        msgid = str(entry['msgid'])
        if 'fuzzy' in entry.get('flags', set()) and msgid:  # type: ignore[operator]
            continue
        if not msgstr:
            continue
        key = msgid
        if 'msgctxt' in entry:
            key = f'{entry["msgctxt"]}\x04{msgid}'
        messages[key.encode()] = msgstr.encode()
    keys = sorted(messages)
    header = 7 * 4
    originals_at = header
    translations_at = originals_at + len(keys) * 8
    data_at = translations_at + len(keys) * 8
    originals, translations, data = [], [], b''
    for key in keys:
        originals.append((len(key), data_at + len(data)))
        data += key + b'\0'
    for key in keys:
        value = messages[key]
        translations.append((len(value), data_at + len(data)))
        data += value + b'\0'
    output = struct.pack('<7I', _MAGIC, 0, len(keys), originals_at, translations_at, 0, 0)
    for length, offset in originals + translations:
        output += struct.pack('<2I', length, offset)
    return output + data


def compile_catalogues(
    locale: pathlib.Path = LOCALE,
    *,
    force: bool = False,
) -> list[pathlib.Path]:
    """Write the ``.mo`` of every ``.po`` under ``locale`` that is newer; the written paths."""
    written = []
    for po in sorted(locale.glob('*/LC_MESSAGES/*.po')):
        mo = po.with_suffix('.mo')
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.write_bytes(mo_bytes(read_po(po)))
        written.append(mo)
    return written


_MARKERS = frozenset({'gettext', 'gettext_lazy', 'gettext_noop'})


def extract(sources: pathlib.Path) -> list[str]:
    """Every message marked in the Python files under ``sources``, in order of first use.

    A message is marked by a call of ``gettext``, ``gettext_lazy`` or
    ``gettext_noop`` whose first argument is a string literal.
    """
    found: dict[str, None] = {}
    for path in sorted(sources.rglob('*.py')):
        for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, 'id', getattr(node.func, 'attr', None))
            first = node.args[0]
            marked = name in _MARKERS and isinstance(first, ast.Constant)
            if marked and isinstance(first.value, str):
                found.setdefault(first.value)
    return list(found)


SOURCES = LOCALE.parent
LANGUAGES = ('de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt_BR', 'ru', 'uk', 'zh_Hans')
"""The languages dmr ships catalogues for; each is ``locale/<language>/LC_MESSAGES/django.po``."""


def _quoted(text: str) -> str:
    escaped = text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
    return f'"{escaped}"'


def write_po(path: pathlib.Path, language: str, translations: dict[str, str]) -> None:
    """Write a catalogue of ``translations`` (msgid to msgstr, in order) for ``language``."""
    lines = [
        f'# The messages of dmr, in {language}.',
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        '',
    ]
    for msgid, msgstr in translations.items():
        lines += [f'msgid {_quoted(msgid)}', f'msgstr {_quoted(msgstr)}', '']
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('\n'.join(lines), encoding='utf-8')


def update_catalogues(locale: pathlib.Path = LOCALE) -> None:
    """Bring every catalogue in line with the marked messages of the sources.

    A new message is added untranslated (the catalogue test then names it),
    a message no longer marked is removed, translations are kept.
    """
    messages = extract(SOURCES)
    for language in LANGUAGES:
        path = locale / language / 'LC_MESSAGES' / 'django.po'
        known = {}
        if path.exists():
            known = {
                str(entry['msgid']): str(entry.get('msgstr', ''))
                for entry in read_po(path)
                if entry['msgid'] and 'fuzzy' not in entry.get('flags', set())  # type: ignore[operator]
            }
        write_po(path, language, {msgid: known.get(msgid, '') for msgid in messages})


if __name__ == '__main__':
    if '--update' in sys.argv:
        update_catalogues()
    for path in compile_catalogues(force='--force' in sys.argv):
        sys.stdout.write(f'{path}\n')
