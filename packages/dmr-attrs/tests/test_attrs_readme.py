"""The package README's examples run as written."""

import pathlib
import re
import sys
import types

README = pathlib.Path(__file__).parent.parent / 'README.md'


def test_readme_examples_run(monkeypatch):
    """Every Python block of the README runs, in order, in one module."""
    blocks = re.findall(r'```python\n(.*?)```', README.read_text(), flags=re.DOTALL)
    module = types.ModuleType('readme')
    monkeypatch.setitem(sys.modules, 'readme', module)  # attrs resolves annotations there

    for index, code in enumerate(blocks):
        exec(compile(code, f'README.md block {index}', 'exec'), module.__dict__)

    assert len(blocks) >= 4
