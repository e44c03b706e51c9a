"""How the conformance kit collects a backend's models from a module's names."""

import dataclasses

import pytest

from dmr.testing.conformance import MODEL_NAMES, OPTIONAL_MODEL_NAMES, Catalogue


def _construct(model: object, fields: dict[str, object]) -> object:
    """Stands for a backend's unchecked constructor."""
    return fields


def test_model_names_cover_every_model_field() -> None:
    """Every field of the catalogue but the backend and its constructor has a class name."""
    fields = {field.name for field in dataclasses.fields(Catalogue)}

    assert set(MODEL_NAMES) | set(OPTIONAL_MODEL_NAMES) == fields - {'serializer', 'construct'}
    assert not set(MODEL_NAMES) & set(OPTIONAL_MODEL_NAMES)


def test_from_names_reads_each_model_under_its_class_name() -> None:
    """Each model field holds what the namespace defines under that field's class name."""
    names = {name: f'model {name}' for name in MODEL_NAMES.values()}

    catalogue = Catalogue.from_names(names, serializer=dict, construct=_construct)

    assert catalogue == Catalogue(
        serializer=dict,
        construct=_construct,
        **{field: f'model {name}' for field, name in MODEL_NAMES.items()},
    )


def test_from_names_takes_an_optional_model_when_the_namespace_defines_it() -> None:
    """``AliasedUploads`` is taken when defined, and left to its default otherwise."""
    names = {name: f'model {name}' for name in MODEL_NAMES.values()}

    without = Catalogue.from_names(names, serializer=dict, construct=_construct)
    with_it = Catalogue.from_names(
        {**names, 'AliasedUploads': 'aliased'},
        serializer=dict,
        construct=_construct,
    )

    assert (without.aliased_uploads, with_it.aliased_uploads) == (None, 'aliased')


def test_from_names_lists_every_missing_model() -> None:
    """A namespace that lacks models is refused with every missing class name."""
    names = {name: object() for name in MODEL_NAMES.values()}
    del names['Node'], names['Uploads']

    with pytest.raises(LookupError, match=r'needs these models: Node, Uploads$'):
        Catalogue.from_names(names, serializer=dict, construct=_construct)
