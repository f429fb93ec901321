"""Evidence pages: permission-checked downloads, who may add and change, the library's filters,
and query counts at two data sizes."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from digiorg.evidence import services
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.evidence.permissions import units_may_hold

from . import evidence_pages_data
from .assess_data import PDF, answer, criterion, evidence
from .evidence_pages_data import (
    PNG,
    THAI_NAME,
    body,
    create,
    detail_url,
    edit,
    field_errors,
    library_titles,
    pdf_bytes,
    revise,
    stored,
)
from .plans_data import new_action

# the fixtures both evidence page modules use (files under tmp_path, an assessed cycle)
media = evidence_pages_data.media
cycle = evidence_pages_data.cycle


# --- downloads -----------------------------------------------------------------------------


@pytest.fixture
def r1_file(world, cycle):
    return services.evidence_create(
        actor=world.people["member"], unit=world.units["R1"], kind="file", title="คำสั่ง",
        upload=SimpleUploadedFile(THAI_NAME, pdf_bytes(b"r1")),
    )  # fmt: skip


@pytest.mark.parametrize(
    "who", ["member", "coordinator", "secretariat", "executive", "auditor", "admin"]
)
def test_download_for_those_who_see_the_unit(world, r1_file, who):
    client = world.client(who)
    for url in (
        reverse("evidence:download", args=[r1_file.pk]),
        reverse("evidence:revision-download", args=[r1_file.current.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(THAI_NAME)}"
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert body(response) == pdf_bytes(b"r1")


@pytest.mark.parametrize("who", ["r2-staff", "other-staff", "r1-staff"])
def test_download_is_404_outside_the_scope(world, r1_file, who):
    """Another unit (R2), another department, and a unit below the owner (R1-STD) see nothing."""
    client = world.client(who)
    for url in (
        reverse("evidence:download", args=[r1_file.pk]),
        reverse("evidence:revision-download", args=[r1_file.current.pk]),
        detail_url(r1_file),
    ):
        assert client.get(url).status_code == 404, url


def test_download_needs_login(world, r1_file):
    client = world.client(None)
    for url in (
        reverse("evidence:download", args=[r1_file.pk]),
        reverse("evidence:revision-download", args=[r1_file.current.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_download_of_nothing_is_404(world, r1_file):
    client = world.client("secretariat")
    no_evidence = Evidence.objects.order_by("-pk").first().pk + 1
    no_revision = EvidenceRevision.objects.order_by("-pk").first().pk + 1
    assert client.get(reverse("evidence:download", args=[no_evidence])).status_code == 404
    assert client.get(reverse("evidence:revision-download", args=[no_revision])).status_code == 404
    assert client.get(reverse("evidence:detail", args=[no_evidence])).status_code == 404


def test_download_of_a_lost_file_is_404(world, r1_file, media):
    (media / "media" / r1_file.current.file.name).unlink()
    response = world.client("member").get(reverse("evidence:download", args=[r1_file.pk]))
    assert response.status_code == 404


def test_download_of_a_link_is_404(world, cycle):
    link = services.evidence_create(
        actor=world.people["member"], unit=world.units["R1"], kind="link", title="ลิงก์",
        url="https://example.go.th/",
    )  # fmt: skip
    response = world.client("member").get(reverse("evidence:download", args=[link.pk]))
    assert response.status_code == 404


# --- who may add and change ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "units"),
    [
        ("member", 200, ["R1", "R1-STD"]),
        ("coordinator", 200, ["R1", "R1-STD"]),
        ("r1-staff", 200, ["R1-STD"]),
        ("secretariat", 200, ["HSS"]),
        ("executive", 403, []),
        ("auditor", 403, []),
        ("admin", 403, []),
    ],
)
def test_who_may_add_evidence(world, cycle, who, status, units):
    assert [u.code for u in units_may_hold(world.people[who])] == units
    response = world.client(who).get(reverse("evidence:create"))
    assert response.status_code == status
    if status == 200:
        select = response.content.decode().split('name="unit"')[1].split("</select>")[0]
        offered = re.findall(r'<option value="(\d+)"', select)
        assert offered == [str(world.units[code].pk) for code in units]


@pytest.mark.parametrize("who", ["executive", "auditor", "admin"])
def test_readers_cannot_post_new_evidence(world, cycle, media, who):
    before = stored(media)
    response = create(world.client(who), world, file=SimpleUploadedFile(THAI_NAME, PDF))
    assert response.status_code == 403
    assert stored(media) == before


def test_secretariat_adds_only_for_the_department(world, cycle, media):
    client = world.client("secretariat")
    before = stored(media)
    refused = create(client, world, unit="R1", file=SimpleUploadedFile(THAI_NAME, PDF))
    assert refused.status_code == 200 and field_errors(refused, "unit")
    assert stored(media) == before
    response = create(client, world, unit="HSS", file=SimpleUploadedFile(THAI_NAME, PDF))
    assert response.status_code == 302
    assert Evidence.objects.get().unit == world.units["HSS"]


@pytest.mark.parametrize(
    ("sent", "lands"),
    [("/assessments/?unit=1", "/assessments/?unit=1"), ("https://evil.example/", None)],
)
def test_after_adding_only_a_local_next_is_followed(world, cycle, media, sent, lands):
    response = create(
        world.client("member"), world, kind="link", title="ลิงก์", url="https://example.go.th/",
        next=sent,
    )  # fmt: skip
    assert response.status_code == 302
    assert response.url == (lands or detail_url(Evidence.objects.get()))


def test_member_cannot_add_for_another_unit(world, cycle, media):
    before = stored(media)
    response = create(
        world.client("member"), world, unit="R2", file=SimpleUploadedFile(THAI_NAME, PDF)
    )
    assert response.status_code == 200 and field_errors(response, "unit")
    assert stored(media) == before


def test_other_unit_cannot_change_r1_evidence(world, cycle, media):
    item = evidence(world, title="ของ R1")
    before = stored(media)
    for who in ("r2-staff", "other-staff", "r1-staff"):
        client = world.client(who)
        assert edit(client, item, 1, title="ถูกแก้").status_code == 404
        assert revise(client, item, 1, SimpleUploadedFile("x.pdf", PDF)).status_code == 404
    for who in ("executive", "auditor", "admin"):
        client = world.client(who)
        page = client.get(detail_url(item))
        assert page.status_code == 200
        assert 'name="form" value="edit"' not in page.content.decode()
        assert reverse("evidence:revise", args=[item.pk]) not in page.content.decode()
        assert edit(client, item, 1, title="ถูกแก้").status_code == 403
        assert revise(client, item, 1, SimpleUploadedFile("x.pdf", PDF)).status_code == 403
    item.refresh_from_db()
    assert (item.title, item.version) == ("ของ R1", 1)
    assert stored(media) == before


def test_region_coordinator_changes_evidence_of_a_unit_below(world, cycle, media):
    item = evidence(world, unit="R1-STD", who="r1-staff", title="ของกลุ่มงานมาตรฐาน")
    client = world.client("coordinator")
    page = client.get(detail_url(item)).content.decode()
    assert 'name="form" value="edit"' in page
    assert edit(client, item, 1, title="แก้โดยผู้ประสานงานศูนย์").status_code == 302
    response = revise(client, item, 2, SimpleUploadedFile("ฉบับ2.pdf", pdf_bytes(b"2")))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version, item.current.number) == ("แก้โดยผู้ประสานงานศูนย์", 3, 2)


# --- the library ---------------------------------------------------------------------------


@pytest.fixture
def shelf(world, cycle, media):
    """Evidence across units, topics, types and validity."""
    today = timezone.localdate()

    def add(title, unit, refs, *, upload=None, url="", **fields):
        return services.evidence_create(
            actor=world.people["r2-staff" if unit == "R2" else "member"], unit=world.units[unit],
            kind="file" if upload else "link", title=title, upload=upload, url=url,
            criteria=[criterion(cycle, r) for r in refs], **fields,
        )  # fmt: skip

    return {
        "a": add("EV-A คำสั่งคณะทำงาน", "R1", ["2.2-1"],
                 upload=SimpleUploadedFile("a.pdf", PDF), expiry_date=today + timedelta(days=10)),
        "b": add("EV-B ภาพการประชุม", "R1-STD", ["2.1-1"],
                 upload=SimpleUploadedFile("b.png", PNG), expiry_date=today - timedelta(days=1)),
        "c": add("EV-C เว็บไซต์", "R2", ["2.2-2"], url="https://r2.example.go.th/",
                 description="แผนแม่บทดิจิทัล"),
        "d": add("EV-D รายงานประจำปี", "R1", ["1.1-1"],
                 upload=SimpleUploadedFile("d.pdf", PDF), expiry_date=today + timedelta(days=365)),
    }  # fmt: skip


def library(client, **params):
    return client.get(reverse("evidence:library"), params)


def titles(shelf, *keys) -> set[str]:
    return {shelf[k].title for k in keys}


def test_library_filters(world, cycle, shelf):
    client = world.client("secretariat")
    units, nodes = world.units, {n.ref: n.pk for n in cycle.framework.nodes.all()}
    assert library_titles(library(client)) == titles(shelf, "a", "b", "c", "d")
    # a unit includes the units below it
    assert library_titles(library(client, unit=units["R1"].pk)) == titles(shelf, "a", "b", "d")
    assert library_titles(library(client, unit=units["R1-STD"].pk)) == titles(shelf, "b")
    assert library_titles(library(client, unit=units["R2"].pk)) == titles(shelf, "c")
    # a topic: its criteria; a dimension: the criteria of all its topics
    assert library_titles(library(client, topic=nodes["2.2"])) == titles(shelf, "a", "c")
    assert library_titles(library(client, topic=nodes["2.1"])) == titles(shelf, "b")
    assert library_titles(library(client, topic=nodes["2"])) == titles(shelf, "a", "b", "c")
    assert library_titles(library(client, topic=nodes["1"])) == titles(shelf, "d")
    # type
    assert library_titles(library(client, type="pdf")) == titles(shelf, "a", "d")
    assert library_titles(library(client, type="image")) == titles(shelf, "b")
    assert library_titles(library(client, type="link")) == titles(shelf, "c")
    assert library_titles(library(client, type="office")) == set()
    # validity
    assert library_titles(library(client, expiry="soon")) == titles(shelf, "a")
    assert library_titles(library(client, expiry="expired")) == titles(shelf, "b")
    # text, in the title or the description
    assert library_titles(library(client, q="แผนแม่บท")) == titles(shelf, "c")
    assert library_titles(library(client, q="ภาพการประชุม")) == titles(shelf, "b")
    # combined
    assert library_titles(library(client, unit=units["R1"].pk, type="pdf", topic=nodes["2"])) == (
        titles(shelf, "a")
    )
    # unknown filter values are ignored, not errors
    assert library_titles(library(client, type="exe", expiry="never", topic="x")) == titles(
        shelf, "a", "b", "c", "d"
    )


def row_of(response, title: str) -> str:
    html = response.content.decode()
    plain = lambda row: re.sub(r"<wbr>|</?span[^>]*>", "", row)  # noqa: E731  word-break hints
    rows = [r for r in html.split("<tr>") if f">{title}</a>" in plain(r)]
    assert len(rows) == 1, title
    return rows[0].split("</tr>")[0]


def test_library_shows_expiry_badges(world, shelf):
    response = library(world.client("member"))
    assert 'text-bg-warning">' + _("expiring soon") in row_of(response, shelf["a"].title)
    assert 'text-bg-danger">' + _("expired") in row_of(response, shelf["b"].title)
    far = row_of(response, shelf["d"].title)  # a year away: no badge
    assert "text-bg-warning" not in far and "text-bg-danger" not in far


def test_library_shows_only_the_unit_scope(world, shelf):
    member = world.client("member")
    assert library_titles(library(member)) == titles(shelf, "a", "b", "d")
    assert library(member, unit=world.units["R2"].pk).status_code == 404
    assert library_titles(library(world.client("r1-staff"))) == titles(shelf, "b")
    assert library_titles(library(world.client("r2-staff"))) == titles(shelf, "c")
    assert library_titles(library(world.client("other-staff"))) == set()


def test_library_with_a_bad_unit_is_404(world, shelf):
    client = world.client("secretariat")
    assert library(client, unit="abc").status_code == 404
    assert library(client, unit=world.units["OTH-IT"].pk).status_code == 404


def test_expiring_soon_follows_the_warning_setting(world, shelf, settings):
    settings.DIGIORG_EXPIRY_WARNING_DAYS = 5  # "a" expires in 10 days: not soon any more
    response = library(world.client("member"))
    assert library_titles(library(world.client("member"), expiry="soon")) == set()
    assert "text-bg-warning" not in row_of(response, shelf["a"].title)
    settings.DIGIORG_EXPIRY_WARNING_DAYS = 400  # "d" expires in 365 days: soon now
    response = library(world.client("member"))
    assert library_titles(library(world.client("member"), expiry="soon")) == titles(shelf, "a", "d")
    assert "text-bg-warning" in row_of(response, shelf["d"].title)


# --- query counts --------------------------------------------------------------------------
# Measured: the library is 10 queries (11 with a unit or topic filter: it is looked up), the
# detail page 11 for someone who may change the evidence (its forms) and 8 for a reader,
# the same with 3 or 80 pieces of evidence and with 1 or 7 revisions, 30 criteria, actions
# and answers. The budget is 15 (DESIGN.md).


def fill_library(world, cycle, count: int) -> None:
    """`count` pieces of evidence spread over R1, R1-STD and R2, each proving two criteria."""
    criteria = list(cycle.framework.criteria.order_by("position")[:12])
    units = [("R1", "member"), ("R1-STD", "r1-staff"), ("R2", "r2-staff")]
    for i in range(count):
        unit, who = units[i % 3]
        is_file = i % 2 == 0
        services.evidence_create(
            actor=world.people[who], unit=world.units[unit], kind="file" if is_file else "link",
            title=f"หลักฐานที่ {i}", url="" if is_file else f"https://example.go.th/{i}",
            upload=SimpleUploadedFile(f"{i}.pdf", PDF) if is_file else None,
            criteria=[criteria[i % 12], criteria[(i + 5) % 12]],
            expiry_date=timezone.localdate() + timedelta(days=i - 40),
        )  # fmt: skip


def library_criterion_refs(response) -> dict[int, list[str]]:
    """{evidence pk: the criterion badges of its row} on a library page."""
    html, prefix = response.content.decode(), reverse("evidence:library")
    rows = re.findall(
        rf'<tr><td><a href="{prefix}(\d+)/">.*?</td>\s*<td class="small">.*?</td>\s*'
        r'<td class="small">(.*?)</td>',
        html, flags=re.S,
    )  # fmt: skip
    return {
        int(pk): re.findall(r'<span class="badge text-bg-light border">(.*?)</span>', cell)
        for pk, cell in rows
    }


@pytest.mark.parametrize("count", [3, 80])
@pytest.mark.parametrize("who", ["member", "secretariat"])
def test_library_query_count(world, cycle, django_assert_max_num_queries, count, who):
    fill_library(world, cycle, count)
    client = world.client(who)
    client.get(reverse("evidence:library"))  # the first request after login writes the session
    r1_items = count - count // 3  # R1 and R1-STD hold two of every three
    filters = {
        "topic": cycle.framework.nodes.get(ref="2").pk, "type": "pdf", "expiry": "expired",
        "q": "หลักฐาน",
    }  # fmt: skip
    with django_assert_max_num_queries(10):
        response = client.get(reverse("evidence:library"))
    assert len(library_titles(response)) == min(count if who == "secretariat" else r1_items, 50)
    # each row shows the refs of the criteria its evidence proves, in framework order
    shown = library_criterion_refs(response)
    assert len(shown) == min(count if who == "secretariat" else r1_items, 50)
    for pk, refs in shown.items():
        expected = Evidence.objects.get(pk=pk).criteria.order_by("position")
        assert refs == list(expected.values_list("ref", flat=True))
    with django_assert_max_num_queries(11):
        response = client.get(reverse("evidence:library"), {"unit": world.units["R1"].pk})
    assert len(library_titles(response)) == min(r1_items, 50)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("evidence:library"), filters)
    assert library_titles(response)  # the filters leave something to render


def big_evidence(world, cycle, size: str) -> Evidence:
    """Small: one revision, one criterion. Big: 7 revisions, 30 criteria, 3 actions, 6 answers."""
    criteria = list(cycle.framework.criteria.order_by("position")[: 1 if size == "small" else 30])
    item = services.evidence_create(
        actor=world.people["member"], unit=world.units["R1"], kind="file", title="หลักฐานหลายฉบับ",
        upload=SimpleUploadedFile("v1.pdf", PDF), criteria=criteria,
    )  # fmt: skip
    if size == "big":
        for n in range(2, 8):
            item = Evidence.objects.get(pk=item.pk)
            services.evidence_revise(
                item, actor=world.people["coordinator"], version=item.version,
                upload=SimpleUploadedFile(f"v{n}.pdf", pdf_bytes(str(n).encode())),
            )  # fmt: skip
        item.actions.set([new_action(world, cycle, unit=u) for u in ("R1", "R1-STD", "R1")])
        for ref in ("2.2-1", "2.2-2", "2.2-3", "2.2-4", "2.2-5", "2.2-6"):
            answer(world, cycle, ref, proof=[item])
    return Evidence.objects.get(pk=item.pk)


@pytest.mark.parametrize("size", ["small", "big"])
@pytest.mark.parametrize(
    ("who", "bound"), [("member", 11), ("coordinator", 11), ("secretariat", 8)]
)
def test_detail_query_count(world, cycle, django_assert_max_num_queries, size, who, bound):
    item = big_evidence(world, cycle, size)
    client = world.client(who)
    client.get(reverse("evidence:library"))  # the first request after login writes the session
    with django_assert_max_num_queries(bound):
        response = client.get(detail_url(item))
    assert response.status_code == 200
    html = response.content.decode()
    revisions = 7 if size == "big" else 1
    for revision in item.revisions.all():
        assert reverse("evidence:revision-download", args=[revision.pk]) in html
    assert html.count("evidence/revisions/") == revisions
    assert ('name="form" value="edit"' in html) == (who != "secretariat")
