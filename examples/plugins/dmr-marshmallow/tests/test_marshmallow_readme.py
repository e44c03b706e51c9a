"""The package README's examples run as written."""

import pathlib
import re

README = pathlib.Path(__file__).parent.parent / 'README.md'


def test_readme_examples_run():
    """Every Python block of the README runs, in order, in one namespace."""
    blocks = re.findall(r'```python\n(.*?)```', README.read_text(), flags=re.DOTALL)
    namespace: dict[str, object] = {'__name__': 'readme'}

    for index, code in enumerate(blocks):
        exec(compile(code, f'README.md block {index}', 'exec'), namespace)

    assert len(blocks) >= 5
