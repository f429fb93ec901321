"""Two people saving the same version at the same moment: one wins, the other gets a clear 409,
never a 500 "database is locked". Run with threads on the file-based test database (SQLite:
IMMEDIATE transactions and a busy timeout; PostgreSQL: row locks)."""

import threading
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from digiorg.core.locks import is_lock_error
from digiorg.plans.models import Action

from .api_data import token
from .plans_data import new_action, open_cycle

PAIRS = 25


def _patch_pair(url: str, key: str, version: int, round_: int) -> list[int]:
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def patch(title: str) -> None:
        client = Client(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            assert client.get(url).json()["version"] == version  # each reads, then both save
            barrier.wait()
            response = client.patch(
                url, {"title": title, "version": version}, content_type="application/json"
            )
            codes.append(response.status_code)
            if response.status_code == 409:  # the API's own answer: JSON with a message
                assert response.json()["detail"]
        finally:
            connection.close()

    threads = [threading.Thread(target=patch, args=(f"รอบ {round_} คนที่ {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


@pytest.mark.django_db(transaction=True)
def test_same_version_patch_pairs_one_wins_one_conflicts(world, seed_framework):
    """The save waits a moment between reading the row and writing it, as a busy server does,
    so that the two requests' transactions really overlap (in one process they rarely would)."""
    action = new_action(world, open_cycle(world, seed_framework))
    key = token(world.people["coordinator"])
    url = f"/api/v1/actions/{action.pk}/"
    save = Action.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.1)
        return save(self, *args, **kwargs)

    outcomes = []
    with mock.patch.object(Action, "save", slow_save):
        for round_ in range(PAIRS):
            version = Action.objects.get(pk=action.pk).version
            outcomes.append(sorted(_patch_pair(url, key, version, round_)))
    assert outcomes == [[200, 409]] * PAIRS
    assert Action.objects.get(pk=action.pk).version == 1 + PAIRS


def test_a_lost_lock_race_answers_409_in_the_api(world, seed_framework):
    action = new_action(world, open_cycle(world, seed_framework))
    client = Client(HTTP_AUTHORIZATION=f"Token {token(world.people['coordinator'])}")
    locked = OperationalError("database is locked")
    with mock.patch("digiorg.plans.services.action_update", side_effect=locked):
        response = client.patch(
            f"/api/v1/actions/{action.pk}/",
            {"title": "ใหม่", "version": action.version},
            content_type="application/json",
        )
    assert response.status_code == 409
    assert "พร้อมกัน" in response.json()["detail"]
    assert Action.objects.get(pk=action.pk).title == action.title


def test_a_lost_lock_race_answers_409_on_a_page(world, seed_framework):
    action = new_action(world, open_cycle(world, seed_framework))
    locked = OperationalError("database is locked")
    with mock.patch("digiorg.plans.services.action_comment", side_effect=locked):
        response = world.client("coordinator").post(
            f"/plans/actions/{action.pk}/comment/", {"comment": "ความเห็น"}
        )
    assert response.status_code == 409
    assert "พร้อมกัน" in response.content.decode()
    assert not action.events.filter(comment="ความเห็น").exists()


@pytest.mark.parametrize(
    ("sqlstate", "conflict"),
    [("40001", True), ("40P01", True), ("55P03", True), ("42P01", False), (None, False)],
)
def test_postgresql_lock_and_serialization_failures_are_conflicts(sqlstate, conflict):
    error = OperationalError("from the server")
    error.__cause__ = type("DriverError", (Exception,), {"sqlstate": sqlstate})()
    assert is_lock_error(error) is conflict
    assert is_lock_error(OperationalError("database is locked"))
    assert not is_lock_error(ValueError("database is locked"))
