"""The single-file example serves the seed's OpenAPI document (DESIGN §6)."""

import json
import pathlib

from django.test import Client
from openapi_spec_validator import validate

HERE = pathlib.Path(__file__).resolve().parent
EXPECTED = HERE / 'single-file-openapi.json'


def served() -> dict:
    response = Client().get('/docs/openapi.json/')
    assert response.status_code == 200
    assert response['Content-Type'] == 'application/json'
    return json.loads(response.content)


def test_document_equals_the_seed_with_415():
    """``/docs/openapi.json/`` is the seed's document plus the 415 response."""
    assert served() == json.loads(EXPECTED.read_text())


def test_document_is_valid_openapi():
    """The served document passes openapi-spec-validator."""
    validate(served())
