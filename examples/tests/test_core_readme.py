"""The dmr-core README (what the package index shows) runs as written."""

import pathlib
import re

README = pathlib.Path(__file__).resolve().parents[2] / 'packages' / 'dmr-core' / 'README.md'


def test_core_readme_examples_run():
    """Every Python block of the dmr-core README runs, in order, in one namespace."""
    blocks = re.findall(r'```python\n(.*?)```', README.read_text(), flags=re.DOTALL)
    namespace: dict[str, object] = {'__name__': 'core_readme'}
    for index, code in enumerate(blocks):
        exec(compile(code, f'dmr-core README.md block {index}', 'exec'), namespace)
    assert len(blocks) == 2
