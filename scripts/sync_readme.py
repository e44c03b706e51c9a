"""Copy each file that README.md shows (``<!-- file: PATH -->``) into its block.

The README's test fails when a shown file and its block differ; run
``python scripts/sync_readme.py`` after editing such a file.
"""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
BLOCK = re.compile(r'(<!-- file: (?P<file>[^ ]+) -->\n```python\n).*?```', re.DOTALL)


def main() -> None:
    readme = ROOT / 'README.md'
    text = BLOCK.sub(
        lambda match: match[1] + (ROOT / match['file']).read_text() + '```',
        readme.read_text(),
    )
    readme.write_text(text)


if __name__ == '__main__':
    main()
