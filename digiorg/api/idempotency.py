"""`Idempotency-Key` on creates: a retry after a lost response replays the first answer.

The key is remembered per user (DIGIORG_IDEMPOTENCY_HOURS) together with a fingerprint of the
request (method, path, body; files by their content hash). The same key again with the same
request replays the stored status and body without running the handler; with another request
it is refused with 422. Only successful answers are remembered: a refused request changed
nothing, so retrying it with the same key simply runs it again.
"""

import hashlib
import json
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from digiorg.core.api import Conflict

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY = 255

PARAMETER = OpenApiParameter(
    HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string (e.g. a UUID), at most 255 characters. Sending the same key again "
        "within 24 hours replays the first successful answer (same status and body) instead of "
        "creating a duplicate; the same key with a different request answers 422."
    ),
)


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"


def _fingerprint(request) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    data = request.data
    if hasattr(data, "lists"):  # form or multipart
        items = sorted((k, [str(v) for v in values]) for k, values in data.lists())
        digest.update(json.dumps(items, ensure_ascii=False).encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                digest.update(f"{name}:{upload.name}:{upload.size}:".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
    else:
        digest.update(json.dumps(data, sort_keys=True, cls=JSONEncoder).encode())
    return digest.hexdigest()


def _replay(record: IdempotentRequest, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise KeyReused(
            _("This Idempotency-Key was already used for a different request. Use a new key.")
        )
    response = Response(record.response, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(handler):
    """Wrap a POST handler (`def create(self, request, ...)`) so it honours Idempotency-Key."""

    @wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST":
            return handler(self, request, *args, **kwargs)
        if not key.strip() or len(key) > MAX_KEY:
            raise ValidationError({HEADER: [_("Send a key of 1 to 255 characters.")]})
        fingerprint = _fingerprint(request)
        since = timezone.now() - timedelta(hours=settings.DIGIORG_IDEMPOTENCY_HOURS)
        IdempotentRequest.objects.filter(created_at__lt=since).delete()
        with transaction.atomic():
            stored = IdempotentRequest.objects.filter(user=request.user, key=key).first()
            if stored is not None:
                return _replay(stored, fingerprint)
            try:
                with transaction.atomic():
                    record = IdempotentRequest.objects.create(
                        user=request.user, key=key, fingerprint=fingerprint
                    )
            except IntegrityError:
                record = None
            if record is None:  # another request with this key finished first
                stored = IdempotentRequest.objects.filter(user=request.user, key=key).first()
                if stored is None or not stored.status_code:
                    raise Conflict(_("A request with this Idempotency-Key is still running."))
                return _replay(stored, fingerprint)
            response = handler(self, request, *args, **kwargs)
            if not status.is_success(response.status_code):
                record.delete()
                return response
            record.status_code = response.status_code
            record.response = json.loads(json.dumps(response.data, cls=JSONEncoder))
            record.save(update_fields=["status_code", "response"])
            return response

    wrapper.idempotent = True  # type: ignore[attr-defined]
    return wrapper
