"""The README's examples run, in order, so the guide cannot rot."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = (ROOT / 'README.md').read_text()
BLOCK = re.compile(r'(<!-- file: (?P<file>[^ ]+) -->\n)?```python\n(?P<code>.*?)```', re.DOTALL)


def blocks() -> list[tuple[str | None, str]]:
    return [(match['file'], match['code']) for match in BLOCK.finditer(README)]


def test_readme_file_blocks_match_their_files():
    """A block marked with a file is that file, verbatim."""
    files = [(name, code) for name, code in blocks() if name]
    assert files, 'the README shows the single-file example'
    for name, code in files:
        assert (ROOT / name).read_text() == code, name


def test_readme_examples_run():
    """Every other Python block runs, in order, in one namespace."""
    namespace: dict[str, object] = {'__name__': 'readme'}
    examples = [code for name, code in blocks() if not name]
    assert len(examples) >= 8
    for index, code in enumerate(examples):
        exec(compile(code, f'README.md block {index}', 'exec'), namespace)
