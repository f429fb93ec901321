"""A write that lost a race for a database lock is a conflict the user can retry, not a crash.

SQLite answers "database is locked" when another writer holds the file longer than the timeout;
PostgreSQL answers serialization failures, deadlocks and lock-not-available. Pages and the API
both turn them into 409 with a message that says to try again.
"""

from django.db import OperationalError
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

# PostgreSQL SQLSTATEs: serialization_failure, deadlock_detected, lock_not_available
LOCK_SQLSTATES = {"40001", "40P01", "55P03"}


def is_lock_error(exc: BaseException) -> bool:
    if not isinstance(exc, DatabaseError):
        return False
    if isinstance(exc, OperationalError) and "database is locked" in str(exc):
        return True
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) in LOCK_SQLSTATES


def lock_conflict_message() -> str:
    return _("Someone else is saving at the same moment. Nothing was changed; please try again.")


class LockConflictMiddleware:
    """Pages: a lost lock race answers 409 with the try-again message instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not is_lock_error(exc):
            return None
        response = TemplateResponse(
            request, "core/conflict.html", {"message": lock_conflict_message()}, status=409
        )
        return response.render()
