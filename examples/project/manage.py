#!/usr/bin/env python
"""Django's command-line utility for the newsroom example project."""

import os
import sys


def main() -> None:
    """Run a management command with the project's settings."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsroom.settings')
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
