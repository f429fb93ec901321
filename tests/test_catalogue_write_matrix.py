"""The register's write matrix: every state-changing page of /catalogue/ x every role (and the
other region's coordinator and the other department's secretariat) x a dataset of the own unit
(R1-STD), another unit (R2) and another department (OTH-IT).

An allowed write redirects (302) and changes the tables it is about; a refused one answers 403
(seen, not allowed), 404 (not seen) or, for the new-dataset form naming a unit the person may not
hold, the form again (200), and changes nothing at all: every row of every project table, the
audit log included, is compared before and after (tests/test_write_matrix.py's fingerprint)."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from digiorg.accounts.models import User
from digiorg.accounts.testing import signed_in
from digiorg.catalogue.models import Dataset

from .catalogue_data import make_dataset
from .catalogue_pages_data import form_data
from .test_write_matrix import fingerprint
from .world import build_world
from .write_rows import CATALOGUE_OTHER_PAGES, CATALOGUE_READ_PAGES, CATALOGUE_WRITE_PAGES

ROLES = [
    "admin", "secretariat", "executive", "auditor", "coordinator", "member", "r2-staff",
    "other-staff",
]  # fmt: skip
TARGETS = ("own", "other", "foreign")
UNIT_OF = {"own": "R1-STD", "other": "R2", "foreign": "OTH-IT"}
SEES = {
    "admin": {"own", "other"}, "secretariat": {"own", "other"}, "executive": {"own", "other"},
    "auditor": {"own", "other"}, "coordinator": {"own"}, "member": {"own"},
    "r2-staff": {"other"}, "other-staff": {"foreign"},
}  # fmt: skip
WRITERS = {"own": {"coordinator", "member"}, "other": {"r2-staff"}, "foreign": set()}
REVIEWERS = {"own": {"secretariat"}, "other": {"secretariat"}, "foreign": {"other-staff"}}
HOLDS_A_UNIT = {"secretariat", "coordinator", "member", "r2-staff", "other-staff"}
OK = "ok"


def on_dataset(allowed: Callable[[str], set[str]]) -> Callable[[str, str], object]:
    def expected(role, target):
        if target not in SEES[role]:
            return 404
        return OK if role in allowed(target) else 403

    return expected


def create_expected(role, target):
    if role not in HOLDS_A_UNIT:
        return 403  # no unit to add a dataset to: no form at all
    return OK if role in WRITERS[target] else 200  # the unit is not on the form's list


@dataclass
class Write:
    name: str
    page: str
    build: Callable[[dict, str], tuple[str, dict]]
    expected: Callable[[str, str], object]
    changes: tuple[str, ...]


def _v(pk: int) -> int:
    return Dataset.objects.values_list("version", flat=True).get(pk=pk)


def _url(name: str, key: str):
    return lambda ids, t: reverse(f"catalogue:{name}", args=[ids[t][key]])


WRITES = [
    Write("create", "catalogue:create",
          lambda ids, t: (reverse("catalogue:create"), {
              "unit": ids[t]["unit"], "title": "ชุดข้อมูลใหม่", "name": "new-dataset",
              "stage": "create"}),
          create_expected, ("catalogue.Dataset", "auditlog.LogEntry")),
    Write("edit", "catalogue:edit",
          lambda ids, t: (_url("edit", "draft")(ids, t), form_data(
              name=Dataset.objects.get(pk=ids[t]["draft"]).name, version=_v(ids[t]["draft"]))),
          on_dataset(lambda t: WRITERS[t]), ("catalogue.Dataset", "auditlog.LogEntry")),
    Write("add file", "catalogue:resource-file",
          lambda ids, t: (_url("resource-file", "draft")(ids, t), {
              "file": SimpleUploadedFile("ข้อมูล.csv", "ก,ข\n1,2\n".encode())}),
          on_dataset(lambda t: WRITERS[t]), ("catalogue.Resource", "catalogue.Dataset")),
    Write("add link", "catalogue:resource-link",
          lambda ids, t: (_url("resource-link", "draft")(ids, t), {
              "link-url": "https://data.hss.go.th/a.csv", "link-format": "CSV"}),
          on_dataset(lambda t: WRITERS[t]), ("catalogue.Resource", "catalogue.Dataset")),
    Write("remove resource", "catalogue:resource-remove",
          lambda ids, t: (_url("resource-remove", "resource")(ids, t), {}),
          on_dataset(lambda t: WRITERS[t]), ("catalogue.Resource", "catalogue.Dataset")),
    Write("propose", "catalogue:propose",
          lambda ids, t: (_url("propose", "draft")(ids, t), {"version": _v(ids[t]["draft"])}),
          on_dataset(lambda t: WRITERS[t]), ("catalogue.Dataset", "auditlog.LogEntry")),
    Write("approve", "catalogue:review",
          lambda ids, t: (_url("review", "proposed")(ids, t), {
              "version": _v(ids[t]["proposed"]), "decision": "approve"}),
          on_dataset(lambda t: REVIEWERS[t]), ("catalogue.Dataset", "auditlog.LogEntry")),
    Write("return", "catalogue:review",
          lambda ids, t: (_url("review", "proposed")(ids, t), {
              "version": _v(ids[t]["proposed"]), "decision": "return", "comment": "ขอแก้ไข"}),
          on_dataset(lambda t: REVIEWERS[t]), ("catalogue.Dataset", "auditlog.LogEntry")),
    Write("withdraw", "catalogue:withdraw",
          lambda ids, t: (_url("withdraw", "published")(ids, t), {
              "version": _v(ids[t]["published"]), "comment": "ข้อมูลผิดพลาด"}),
          on_dataset(lambda t: WRITERS[t] | REVIEWERS[t]),
          ("catalogue.Dataset", "auditlog.LogEntry")),
]  # fmt: skip


@pytest.fixture(scope="module")
def ids(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module, rolled back at its end; each test runs in a savepoint."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("catalogue-media"))),
        transaction.atomic(),
    ):
        world = build_world()
        made = {}
        for target, code in UNIT_OF.items():
            unit = world.units[code]
            draft = make_dataset(unit, status=Dataset.Status.DRAFT)
            made[target] = {
                "unit": unit.pk,
                "draft": draft.pk,
                "resource": draft.resources.get().pk,
                "proposed": make_dataset(unit, status=Dataset.Status.PROPOSED).pk,
                "published": make_dataset(unit, status=Dataset.Status.PUBLISHED).pk,
            }
        yield made
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(ids, django_db_blocker) -> dict[str, Client]:
    with django_db_blocker.unblock():
        return {role: signed_in(User.objects.get(username=role)) for role in ROLES}


@pytest.fixture(autouse=True)
def _quiet_refusals():
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


CASES = [(write, role, target) for write in WRITES for target in TARGETS for role in ROLES]


@pytest.mark.parametrize(
    ("write", "role", "target"), CASES, ids=[f"{w.name}-{r}-{t}" for w, r, t in CASES]
)
def test_write(ids, clients, db, settings, tmp_path, write, role, target):
    settings.MEDIA_ROOT = str(tmp_path)
    url, data = write.build(ids, target)
    before = fingerprint()
    response = clients[role].post(url, data)
    after = fingerprint()
    expected = write.expected(role, target)
    where = f"{write.name} as {role} on {target}"
    if expected == OK:
        assert response.status_code == 302, f"{where}: {response.status_code}"
        assert "/accounts/login/" not in response["Location"]
        for label in write.changes:
            assert after[label] != before[label], f"{where}: {label} did not change"
        if write.page != "catalogue:create":
            assert not any(m.level_tag == "error" for m in response.wsgi_request._messages), where
    else:
        assert response.status_code == expected, f"{where}: {response.status_code}"
        changed = sorted(label for label in before if before[label] != after[label])
        assert not changed, f"{where} was refused but changed {changed}"
    if expected == 200:
        assert "หน่วยงาน" in response.content.decode()  # the form again, with the unit's error


def test_anonymous_writes_change_nothing(ids, db):
    for write in WRITES:
        url, data = write.build(ids, "own")
        before = fingerprint()
        response = Client().post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert fingerprint() == before, write.name


def test_every_catalogue_page_is_in_a_matrix():
    from .test_write_matrix import write_routes

    pages, _api = write_routes()
    catalogue = {name for name in pages if name.startswith("catalogue:")}
    assert {w.page for w in WRITES} == CATALOGUE_WRITE_PAGES
    assert catalogue == CATALOGUE_WRITE_PAGES | CATALOGUE_READ_PAGES | CATALOGUE_OTHER_PAGES


def test_posting_to_read_pages_changes_nothing(ids, clients, db):
    before = fingerprint()
    for url in (
        reverse("catalogue:register"),
        reverse("catalogue:queue"),
        reverse("catalogue:detail", args=[ids["own"]["draft"]]),
        reverse("catalogue:resource-download", args=[ids["own"]["resource"]]),
    ):
        for role in ("secretariat", "coordinator"):
            response = clients[role].post(
                url, {"title": "x", "comment": "x", "decision": "approve"}
            )
            assert response.status_code in (200, 403, 404, 405), url
    assert fingerprint() == before
