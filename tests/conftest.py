import functools

import pytest
from django.conf import settings
from django.test.utils import override_settings
from django.utils import translation

from digiorg.frameworks.loader import parse_framework
from digiorg.frameworks.services import LIBRARY_DIR, framework_load

from .browser import page  # noqa: F401  (the Playwright fixture)

SEED_FILE = LIBRARY_DIR / "dhss-do-2568.yaml"
PASSWORD = "a-long-test-password-2568"
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def pytest_configure(config):
    # Hashing passwords the production way costs ~0.3 s per user; tests need no such strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once, inside the test, unless a test queues them (see tasks_queued).
    override_settings(TASKS=IMMEDIATE_TASKS).enable()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file of this run (not shared memory), so that threads
    and the live server use their own connections and real file locking, as in production."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@functools.cache
def seed_document() -> dict:
    return parse_framework(SEED_FILE)


@pytest.fixture(autouse=True)
def _thai_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def seed_framework(db):
    return framework_load(seed_document(), filename=SEED_FILE.name).framework


@pytest.fixture
def user(db, django_user_model):
    return django_user_model.objects.create_user(
        username="somchai", password=PASSWORD, name="สมชาย ใจดี"
    )


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded files of a test go to a folder of its own, never into ./var."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Lockout counters and TOTP used-code marks live in the cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    from .world import build_world

    return build_world()


@pytest.fixture
def tasks_queued(settings, monkeypatch):
    """Background tasks wait in the database queue, as in production, until the test runs
    them with `digiorg worker --batch`. The worker runs inside the test's transaction, so it
    must not drop the connection between tasks as it does in its own process (on PostgreSQL
    Django closes a connection found inside a transaction)."""
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
