import pathlib
import sys

import django

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent


def pytest_configure() -> None:
    sys.path.insert(0, str(EXAMPLES))
    import single_file  # noqa: F401 - configures Django settings

    django.setup()
