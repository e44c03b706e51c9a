"""Finding serializer backends: the ``dmr.serializers`` entry-point group.

``DMR_SETTINGS['serializer']`` names a backend in one of three ways:

- an entry-point name, such as ``'msgspec'``;
- a dotted path, such as ``'myproject.serializers.MySerializer'``;
- the class itself;

or several at once, for a project that mixes libraries: a list of those, or
``'auto'`` for every installed backend. With no setting, the only installed
backend is the default. Each backend
class is instantiated once per process.
"""

import functools
from collections.abc import Sequence
from importlib.metadata import EntryPoint, PackageNotFoundError, distribution, entry_points
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from dmr._mixed import MixedSerializer
from dmr.serializer import Serializer

ENTRY_POINT_GROUP = 'dmr.serializers'


class BackendError(ImproperlyConfigured):
    """A serializer backend cannot be found or loaded."""


@functools.cache
def _core_extras() -> frozenset[str]:
    """The extras of the installed dmr-core distribution (``msgspec``...)."""
    try:
        extras = distribution('dmr-core').metadata.get_all('Provides-Extra') or []
    except PackageNotFoundError:
        return frozenset()
    return frozenset(extras)


def _install_hint(name: str) -> str:
    if name in _core_extras():
        return f'pip install dmr-core[{name}]'
    return (
        f'pip install the package that declares {name!r} in the {ENTRY_POINT_GROUP!r} '
        f'entry-point group (the bundled backends: '
        f'{", ".join(f"dmr-core[{extra}]" for extra in sorted(_core_extras()))})'
    )


@functools.cache
def installed_backends() -> dict[str, EntryPoint]:
    """Entry points of the installed backends, by name.

    Two distributions that claim the same name are an error naming both.
    """
    found: dict[str, EntryPoint] = {}
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        previous = found.get(entry_point.name)
        if previous is not None and previous.value != entry_point.value:
            raise BackendError(
                f'Two serializer backends are named {entry_point.name!r}: '
                f'{previous.value} ({_dist_name(previous)}) and '
                f'{entry_point.value} ({_dist_name(entry_point)}); '
                'uninstall one of them',
            )
        found[entry_point.name] = entry_point
    return found


def _dist_name(entry_point: EntryPoint) -> str:
    # Discovered entry points always know their distribution.
    name: str = getattr(entry_point.dist, 'name', 'unknown distribution')
    return name


def _installed_list() -> str:
    names = sorted(installed_backends())
    return ', '.join(repr(name) for name in names) if names else 'none'


def _load_entry_point(name: str) -> Any:
    entry_point = installed_backends().get(name)
    if entry_point is None:
        raise BackendError(
            f'Serializer backend {name!r} is not installed. '
            f'Installed backends: {_installed_list()}. '
            f'Install it with: {_install_hint(name)}',
        )
    try:
        return entry_point.load()
    except Exception as exc:
        raise BackendError(
            f'Serializer backend {name!r} ({entry_point.value}) failed to load: {exc!r}',
        ) from exc


def _load(spec: str | type | None) -> Any:
    if isinstance(spec, type):
        return spec
    if spec is None:
        backends = installed_backends()
        if len(backends) == 1:
            return _load_entry_point(next(iter(backends)))
        if not backends:
            raise BackendError(
                'No serializer backend is installed. Install one with: '
                f'{_install_hint("msgspec")} (or pydantic, or attrs)',
            )
        raise BackendError(
            f'Several serializer backends are installed ({_installed_list()}); '
            "choose one with DMR_SETTINGS['serializer']",
        )
    if '.' not in spec:
        return _load_entry_point(spec)
    try:
        return import_string(spec)
    except Exception as exc:
        raise BackendError(
            f'Cannot import serializer backend {spec!r}: {exc!r}. '
            f'Installed backends: {_installed_list()}',
        ) from exc


@functools.cache
def _instance(backend_class: type) -> Serializer:
    path = f'{backend_class.__module__}.{backend_class.__qualname__}'
    try:
        instance = backend_class()
    except Exception as exc:
        raise BackendError(
            f'Serializer backend {path} failed to instantiate: {exc!r}',
        ) from exc
    if not isinstance(instance, Serializer):
        raise BackendError(
            f'{path} does not implement the dmr.serializer.Serializer protocol',
        )
    return instance


AUTO = 'auto'
"""Every installed backend, by name, each taking the annotations it supports."""


def resolve_serializer(spec: str | type | Sequence[str | type] | None) -> Serializer:
    """Return the backend ``spec`` names; raise :class:`BackendError`.

    ``'auto'`` or a list of backends gives a :class:`MixedSerializer` that
    routes each annotation to the first backend supporting it.
    """
    if spec == AUTO:
        names = sorted(installed_backends())
        if not names:
            raise BackendError(
                "DMR_SETTINGS['serializer'] is 'auto', but no serializer backend is "
                f'installed. Install one with: {_install_hint("msgspec")}',
            )
        return _mixed(tuple(names))
    if spec is None or isinstance(spec, str | type):
        return _single(spec)
    return _mixed(tuple(spec))


@functools.cache
def _mixed(specs: tuple[str | type, ...]) -> Serializer:
    return MixedSerializer([_single(spec) for spec in specs])


def _single(spec: str | type | None) -> Serializer:
    loaded = _load(spec)
    if not isinstance(loaded, type):
        raise BackendError(
            f'Serializer backend {spec!r} must be a class, got {loaded!r}',
        )
    return _instance(loaded)
