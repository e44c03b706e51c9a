"""Which frameworks the suite runs, read from ``benchmarks/apps/`` without importing it.

Each module in ``benchmarks/apps/`` is one framework. It names, as literals
at its top, the hatch environment it runs in and the Django settings of
each variant to measure::

    ENVIRONMENT = 'bench-dmr'
    SETTINGS = {'INSTALLED_APPS': ['dmr']}
    VARIANTS = {
        'dmr-msgspec': {'DMR_SETTINGS': {'validate_responses': False}},
        'dmr-msgspec+validation': {'DMR_SETTINGS': {'validate_responses': True}},
    }

A module with ``OPT_IN = True`` runs only when ``--only`` names its
variants (too slow for every run: HTTP Basic hashes a password per request).
An async framework adds ``INTERFACE = 'asgi'``; its module then defines
``urlpatterns`` for Django's ASGI handler, or ``application``, an ASGI app
of its own (FastAPI). Otherwise the module is the URLconf (it defines
``urlpatterns``) of Django's WSGI handler. A worker imports it once the
settings are in place. The driver cannot import it: the
frameworks live in other virtual environments. So the literals are read with
:mod:`ast`, and adding a framework is adding one module.
"""

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

APPS = Path(__file__).parent / 'apps'
_FIELDS = frozenset({'ENVIRONMENT', 'SETTINGS', 'VARIANTS'})
_OPTIONAL = frozenset({'INTERFACE', 'OPT_IN'})
INTERFACES = ('wsgi', 'asgi')


class ManifestError(Exception):
    """An app module does not declare what the suite needs."""


@dataclass(frozen=True)
class Variant:
    """One row of the results: a framework module with its settings."""

    name: str
    module: str
    environment: str
    settings: dict[str, Any]
    interface: str = 'wsgi'
    """``'wsgi'`` (Django's WSGI handler) or ``'asgi'`` (Django's ASGI handler,
    or the module's own ``application``)."""
    opt_in: bool = False
    """Run only when named (``--only``), not in a full run."""


def _literals(path: Path) -> dict[str, Any]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in _FIELDS | _OPTIONAL:
            found[target.id] = ast.literal_eval(value)
    missing = _FIELDS - set(found)
    if missing:
        raise ManifestError(f'{path}: declare {", ".join(sorted(missing))} as literals')
    return found


def variants_of(path: Path) -> list[Variant]:
    """The variants one app module declares, settings merged."""
    literals = _literals(path)
    module = f'benchmarks.apps.{path.stem}'
    interface = literals.get('INTERFACE', 'wsgi')
    if interface not in INTERFACES:
        raise ManifestError(f'{path}: INTERFACE must be one of {INTERFACES}, not {interface!r}')
    return [
        Variant(
            name=name,
            module=module,
            environment=literals['ENVIRONMENT'],
            settings={**literals['SETTINGS'], **overrides},
            interface=interface,
            opt_in=bool(literals.get('OPT_IN', False)),
        )
        for name, overrides in literals['VARIANTS'].items()
    ]


def discover() -> list[Variant]:
    """Every variant of every app module, in file-name order."""
    found = [
        variant
        for path in sorted(APPS.glob('*.py'))
        if not path.name.startswith('_')
        for variant in variants_of(path)
    ]
    names = [variant.name for variant in found]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ManifestError(f'variant names must be unique: {", ".join(duplicates)}')
    return found


def find(name: str) -> Variant:
    """The variant called ``name``; the error lists the known ones."""
    variants = discover()
    for variant in variants:
        if variant.name == name:
            return variant
    known = ', '.join(variant.name for variant in variants)
    raise ManifestError(f'unknown variant {name!r}; known: {known}')
