"""Errors services raise for the user to see; views and the API turn them into responses.

A refusal is Django's own `PermissionDenied` (re-exported here): services raise it before they
write anything, pages answer 403 and DRF turns it into a 403 as well. Objects outside the
user's scope are never reached: the apps' `*_get` selectors answer 404 first."""

from django.core.exceptions import PermissionDenied

__all__ = ["ConflictError", "PermissionDenied", "ValidationFailed", "require"]


class ValidationFailed(Exception):
    """Bad input; `errors` maps a field name (or "" for the whole form) to a message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" if k else v for k, v in errors.items()))


class ConflictError(Exception):
    """Someone else saved first (version check); nothing was changed."""


def require(allowed: bool, message: str = "") -> None:
    """Refuse (PermissionDenied) unless `allowed`: the first line of every service that writes
    on behalf of a person."""
    if not allowed:
        raise PermissionDenied(*([message] if message else []))
