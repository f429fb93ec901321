"""Shared API pieces: turn service errors into responses with the same rules as the pages."""

from collections.abc import Callable

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError

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


def update_versioned(serializer, update: Callable, *, allowed: bool) -> None:
    """Apply a validated PATCH/PUT through `update(obj, version=..., **fields)`: 403 when not
    allowed, 400 without the version the client read, 409 when someone saved in between."""
    if not allowed:
        raise PermissionDenied
    data = dict(serializer.validated_data)
    if "version" not in data:
        raise ValidationError({"version": _("Send the version you read, to detect conflicts.")})
    version = data.pop("version")
    try:
        serializer.instance = update(serializer.instance, version=version, **data)
    except (ConflictError, ValidationFailed) as exc:
        raise_for_service(exc)
