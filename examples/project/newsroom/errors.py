"""The answers every app of the project shares: 404 for unknown ids, 409 for taken values.

Both use dmr's error model, so a client reads every error the same way:
``{"detail": [{"msg": ..., "loc": [...], "type": ...}]}``.
"""

from typing import Any

from django.db import IntegrityError
from dmr import APIError, ResponseSpec
from dmr.controller import Controller, ErrorHandler
from dmr.errors import ErrorModel, ErrorType, error_detail, error_model


def not_found_spec(description: str) -> ResponseSpec:
    """Declares the 404 of endpoints that look an object up by its URL."""
    return ResponseSpec(ErrorModel, status_code=404, description=description)


def conflict_spec(description: str) -> ResponseSpec:
    """Declares the 409 of endpoints that write a value that must be unique."""
    return ResponseSpec(ErrorModel, status_code=409, description=description)


def not_found(message: str, parameter: str) -> APIError:
    """A 404 that blames the path parameter ``parameter``."""
    detail = error_detail(message, ['path', parameter], ErrorType.NOT_FOUND)
    return APIError(error_model([detail]), status_code=404)


def conflict(message: str, field: str) -> APIError:
    """A 409 that blames the body field ``field``."""
    detail = error_detail(message, ['body', field], ErrorType.API_ERROR)
    return APIError(error_model([detail]), status_code=409)


def conflict_on_integrity_error(message: str, field: str) -> ErrorHandler:
    """An error handler that answers the database's ``IntegrityError`` with a 409.

    Give it to a controller whose only unique constraint is on ``field``, as
    its ``error_handler``; other exceptions are passed on.
    """

    def handle_integrity_error(_controller: Controller[Any], exc: Exception) -> None:
        if isinstance(exc, IntegrityError):
            raise conflict(message, field) from exc

    return handle_integrity_error
