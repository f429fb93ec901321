"""Rate limit of the public side: each client address may make DIGIORG_PUBLIC_RATE_LIMIT
requests to the public pages and the open-data APIs per DIGIORG_PUBLIC_RATE_WINDOW seconds;
past that it gets 429 with Retry-After (JSON under /api/, a short page elsewhere).

Counts live in Django's cache (one fixed window per address; Redis when REDIS_URL is set, so
every worker shares them). The signed-in side is not limited here: it has its own login limits.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

# The public addresses: open-data pages, the CKAN Action API and the DCAT documents.
PREFIXES = ("/p/", "/api/3", "/api/action/", "/catalog.", "/dataset/")
JSON_PREFIXES = ("/api/",)


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind the site's own reverse proxy
    (DIGIORG_BEHIND_PROXY=1, which sets SECURE_PROXY_SSL_HEADER) that is the last entry of
    X-Forwarded-For, the one the proxy itself appended (earlier entries are the client's word);
    otherwise the address the server saw."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or "unknown"


def limited_path(path: str) -> bool:
    return path.startswith(PREFIXES)


def take(address: str, *, now: float | None = None) -> int:
    """Count one request of `address`; 0 if it may go on, else the seconds to wait."""
    limit = settings.DIGIORG_PUBLIC_RATE_LIMIT
    window = settings.DIGIORG_PUBLIC_RATE_WINDOW
    if limit <= 0:
        return 0
    now = time.time() if now is None else now
    slot = int(now // window)
    key = f"digiorg:ratelimit:{address}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int((slot + 1) * window - now))


def too_many(request: HttpRequest, wait: int) -> HttpResponse:
    message = _("Too many requests from your address. Please wait %(seconds)s seconds.") % {
        "seconds": wait
    }
    response: HttpResponse
    if request.path_info.startswith(JSON_PREFIXES):
        response = JsonResponse(
            {"success": False, "error": {"__type": "Too Many Requests", "message": message}},
            status=429,
        )
    else:
        html = loader.render_to_string("public/429.html", {"message": message})
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(wait)
    return response


class PublicRateLimitMiddleware:
    """Placed after LocaleMiddleware (the message is in the visitor's language, Thai first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if limited_path(request.path_info):
            wait = take(client_address(request))
            if wait:
                return too_many(request, wait)
        return self.get_response(request)
