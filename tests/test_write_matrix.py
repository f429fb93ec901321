"""The write matrix: every state-changing page (POST) and API operation (POST/PUT/PATCH/DELETE)
x every role x own unit / other unit / other department.

An allowed write answers with success and changes the rows it is about; a refused one answers
403 or 404 (or, where the target is named in the body, the form's or serializer's refusal) and
changes nothing at all: every row of every app table is compared before and after.
`test_every_write_endpoint_is_in_the_matrix` reads the URL conf, so a new write endpoint
without a row in tests/write_rows.py fails the suite. The read matrix is tests/test_access_matrix.py.
"""

import logging

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from digiorg.accounts.models import User
from digiorg.accounts.testing import signed_in

from .conftest import SEED_FILE, seed_document
from .write_rows import (
    CATALOGUE_OTHER_PAGES,
    CATALOGUE_WRITE_PAGES,
    NOT_TENANT_WRITES,
    OK,
    PUBLIC_READ_ONLY,
    READ_PAGES,
    ROLES,
    WRITES,
    Req,
)  # fmt: skip
from .write_world import build_write_world

# Every app of the project, plus the audit log, MFA, tokens and the task queue.
FINGERPRINTED = {
    config.label for config in apps.get_app_configs() if config.name.startswith("digiorg.")
} | {"auditlog", "mfa", "authtoken", "django_tasks_database"}


@pytest.fixture(scope="module")
def ww(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at its end; each
    test runs in a savepoint of it (pytest-django's own), so tests stay independent."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("write-media"))),
        transaction.atomic(),
    ):
        yield build_write_world(seed_document(), SEED_FILE.name)
        transaction.set_rollback(True)


def fingerprint() -> dict[str, list]:
    """Every row of every table of the project's apps (and the audit log, MFA and tokens), read
    raw (no model conversions: this runs twice per case)."""
    tables = {
        model._meta.label: (model._meta.db_table, model._meta.pk.column)
        for model in apps.get_models()
        if model._meta.app_label in FINGERPRINTED and not model._meta.proxy
    }
    rows = {}
    with connection.cursor() as cursor:
        for label, (table, pk) in tables.items():
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')
            rows[label] = cursor.fetchall()
    return rows


@pytest.fixture(scope="module")
def clients(ww, django_db_blocker) -> dict[str, Client]:
    """One signed-in client per role, for the whole module (their sessions are part of the
    module's data, which no case changes)."""
    made = {}
    with django_db_blocker.unblock():
        for role in ROLES:
            made[role] = signed_in(User.objects.get(username=role))
    return made


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """Hundreds of expected 403/404s: do not log a traceback for each."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


CASES = [(write, role, target) for write in WRITES for target in write.targets for role in ROLES]


def send(client: Client, req: Req):
    if req.method == "post":
        return client.post(req.url, req.data)
    if req.method == "api-delete":
        return client.delete(req.url)
    method = {"api-post": client.post, "api-patch": client.patch, "api-put": client.put}[req.method]
    return method(req.url, req.data, content_type="application/json")


@pytest.mark.parametrize(
    ("write", "role", "target"), CASES, ids=[f"{w.name}-{r}-{t}" for w, r, t in CASES]
)
def test_write(ww, clients, db, write, role, target):
    client = clients[role]
    req = write.build(ww, target)
    before = fingerprint()
    response = send(client, req)
    after = fingerprint()
    expected = write.expected(role, target)
    where = f"{write.name} as {role} on {target}"
    if expected == OK:
        success = (
            (302,) if req.method == "post" and not req.url.startswith("/api/") else (200, 201, 204)
        )
        assert response.status_code in success, f"{where}: {response.status_code}"
        for label in write.changes:
            assert after[label] != before[label], f"{where}: {label} did not change"
    else:
        assert response.status_code == expected, f"{where}: {response.status_code}"
        changed = sorted(label for label in before if before[label] != after[label])
        assert not changed, f"{where} was refused but changed {changed}"


def test_anonymous_writes_change_nothing(ww, db):
    client = Client()
    for write in WRITES:
        before = fingerprint()
        response = send(client, write.build(ww, "own"))
        assert response.status_code in (302, 401, 403), write.name
        assert fingerprint() == before, write.name


@pytest.mark.parametrize("role", ["admin", "secretariat", "coordinator"])
def test_posting_to_read_pages_changes_nothing(ww, clients, db, role):
    """The pages declared read-only (those whose URL takes no id) ignore or refuse a POST."""
    before = fingerprint()
    for name in sorted(READ_PAGES):
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # takes an id; its view has no POST branch (see READ_PAGES)
        response = clients[role].post(url, {"title": "x", "comment": "x", "unit": ww["own"].unit})
        assert response.status_code in (200, 302, 403, 404, 405), f"{name}: {response.status_code}"
    assert fingerprint() == before


def _routes(resolvers, prefix="", namespace=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            route = str(entry.pattern)
            if route in ("accounts/", "admin/"):
                continue  # allauth's sign-in pages and the Django admin
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + route, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name, entry.callback


def write_routes() -> tuple[set, set]:
    """(page names, API (name, method) pairs that change state) from the URL conf."""
    pages, api = set(), set()
    for route, name, callback in _routes(get_resolver().url_patterns):
        if route.startswith("api/v1/"):
            actions = getattr(callback, "actions", None)
            cls = getattr(callback, "cls", None)
            methods = (
                set(actions)
                if actions
                else {m for m in ("post", "put", "patch", "delete") if cls and hasattr(cls, m)}
            )
            offered = getattr(cls, "http_method_names", None)
            methods = {m for m in methods if offered is None or m in offered}
            api |= {(name, m) for m in methods & {"post", "put", "patch", "delete"}}
        else:
            pages.add(name)
    return pages, api


def test_every_write_endpoint_is_in_the_matrix():
    pages, api = write_routes()
    covered = {w.route for w in WRITES} | NOT_TENANT_WRITES
    covered |= {
        ("page", name) for name in CATALOGUE_WRITE_PAGES | CATALOGUE_OTHER_PAGES | PUBLIC_READ_ONLY
    }
    missing_api = {("api", name, m) for name, m in api} - covered
    assert not missing_api, f"API writes without a row in the write matrix: {sorted(missing_api)}"
    page_writes = pages - READ_PAGES
    missing_pages = {("page", name) for name in page_writes} - covered
    assert not missing_pages, (
        f"pages neither in the write matrix nor declared read-only: {sorted(missing_pages)}"
    )
    stale = {w.route for w in WRITES if w.route[0] == "page"} - {("page", n) for n in pages}
    assert not stale, f"rows for pages that no longer exist: {sorted(stale)}"
