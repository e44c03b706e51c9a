"""The backend conformance kit: one suite every serializer backend passes.

A backend defines the catalogue's models in its own library and exposes the
suite from one of its test modules::

    # tests/test_conformance.py of a backend package
    from dmr.testing.conformance import Catalogue, Colour, conformance_suite

    class Scalars(mylib.Model):
        text: str
        count: int
        ratio: float
        flag: bool

    ...  # one model per Catalogue field, as its docstring describes

    TestConformance = conformance_suite(
        Catalogue.from_names(globals(), serializer=MySerializer, construct=build_unchecked),
    )

``REFERENCE`` holds the shape every model's schema must have, per
direction, and ``shape(schema, definitions)`` reduces a schema to that
form. pytest then runs every case through HTTP (with Django's ``RequestFactory``)
and checks statuses, error ``loc``/``type`` values, response validation and
the OpenAPI document, and the wire contract: query text read by the core's
table, NUL refused, non-finite numbers and whole-number floats refused in
bodies, responses that never carry keys their model does not declare, and
file downloads declared beside the backend's models,
sync and async. The suite needs ``pytest`` and
``openapi-spec-validator`` in the backend's test environment, and Django
settings with ``'dmr'`` in ``INSTALLED_APPS``.
"""

import pytest

# Plain asserts in the suite should explain themselves like a test module's.
pytest.register_assert_rewrite('dmr.testing.conformance._suite')

from dmr.testing.conformance._cases import BODY_CASES, BodyCase  # noqa: E402
from dmr.testing.conformance._catalogue import (  # noqa: E402
    BODY_MODELS,
    COVER_LIMIT,
    MODEL_NAMES,
    OPTIONAL_MODEL_NAMES,
    Catalogue,
    Colour,
)
from dmr.testing.conformance._shapes import REFERENCE, shape  # noqa: E402
from dmr.testing.conformance._suite import OPENAPI_VERSIONS, conformance_suite  # noqa: E402

__all__ = [
    'BODY_CASES',
    'BODY_MODELS',
    'COVER_LIMIT',
    'MODEL_NAMES',
    'OPENAPI_VERSIONS',
    'OPTIONAL_MODEL_NAMES',
    'REFERENCE',
    'BodyCase',
    'Catalogue',
    'Colour',
    'conformance_suite',
    'shape',
]
