"""Shared API pieces: turn service errors into responses with the same rules as the pages."""

from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError

from .errors import ConflictError, ValidationFailed


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def raise_for_service(exc: Exception):
    if isinstance(exc, ConflictError):
        raise Conflict(str(exc)) from exc
    if isinstance(exc, ValidationFailed):
        raise ValidationError(exc.errors) from exc
    raise exc
