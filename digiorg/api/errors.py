"""API errors: DRF's answers, plus lost lock races as 409 (never a 500 "database is locked")."""

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from digiorg.core.locks import is_lock_error, lock_conflict_message


def exception_handler(exc, context):
    if is_lock_error(exc):
        return Response({"detail": lock_conflict_message()}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
