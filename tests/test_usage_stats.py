"""Usage statistics of the open data: anonymous, once per visitor per page per day, robots not
counted, downloads counted on a redirecting route; summaries total / last 14 days; and the
public side's rate limit."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digiorg.catalogue.models import Dataset, Resource, Visit
from digiorg.catalogue.tracking import (
    BOT_PATTERNS,
    download_summaries,
    resource_tracking_summaries,
    tracking_summaries,
)

from .catalogue_data import make_dataset
from .public_data import BROWSER, text


def page_url(dataset):
    return reverse("opendata:dataset", args=[dataset.name])


def download_url(resource):
    return reverse("opendata:download", args=[resource.dataset.name, resource.uuid])


def test_a_visitor_counts_once_a_day_and_no_address_is_kept(world, client):
    dataset = make_dataset(world.units["R1"])
    assert client.get(page_url(dataset), **BROWSER).status_code == 200
    client.get(page_url(dataset), **BROWSER)
    client.head(page_url(dataset), **BROWSER)  # a HEAD is not a visit
    assert Visit.objects.filter(dataset=dataset).count() == 1
    dataset.refresh_from_db()
    assert dataset.views_total == 1
    # another browser, another address or another language is another visitor
    client.get(
        page_url(dataset), **{**BROWSER, "HTTP_USER_AGENT": BROWSER["HTTP_USER_AGENT"] + " Edg/120"}
    )
    client.get(page_url(dataset), **{**BROWSER, "REMOTE_ADDR": "198.51.100.7"})
    client.get(page_url(dataset), **{**BROWSER, "HTTP_ACCEPT_LANGUAGE": "en-US"})
    assert Visit.objects.filter(dataset=dataset, resource=None).count() == 4
    visit = Visit.objects.filter(dataset=dataset).first()
    assert len(visit.visitor) == 64 and "203.0.113" not in visit.visitor
    stored = [str(v) for v in Visit.objects.values_list("visitor", "day", "organization_id")]
    assert not any("203.0.113" in row or "198.51" in row for row in stored)
    # the page shows the figures; a view is not a metadata change (harvesters)
    modified = Dataset.objects.get(pk=dataset.pk).modified_at
    page = client.get(page_url(dataset), **BROWSER)
    assert "ทั้งหมด 4 ครั้ง, 4 ครั้งใน 14 วันล่าสุด" in text(page)
    assert Dataset.objects.get(pk=dataset.pk).modified_at == modified
    assert Dataset.objects.get(pk=dataset.pk).views_total == 4


def test_the_same_visitor_counts_again_the_next_day(world, client, monkeypatch):
    dataset = make_dataset(world.units["R1"])
    client.get(page_url(dataset), **BROWSER)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr("digiorg.catalogue.tracking.timezone.localdate", lambda: tomorrow)
    client.get(page_url(dataset), **BROWSER)
    client.get(page_url(dataset), **BROWSER)
    days = sorted(Visit.objects.filter(dataset=dataset).values_list("day", flat=True))
    assert days == [tomorrow - timedelta(days=1), tomorrow]
    # the hash includes the day: the two visits cannot be linked to one person
    assert len(set(Visit.objects.values_list("visitor", flat=True))) == 2


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.31.0",
        "ckanapi/4.7 (+https://github.com/ckan/ckanapi)",
        "Mozilla/5.0 (compatible; SemrushBot-crawler)",
        "",
    ],
)
def test_robots_are_not_counted(world, client, agent):
    dataset = make_dataset(world.units["R1"])
    resource = dataset.resources.get()
    assert client.get(page_url(dataset), **{**BROWSER, "HTTP_USER_AGENT": agent}).status_code == 200
    download = client.get(download_url(resource), **{**BROWSER, "HTTP_USER_AGENT": agent})
    assert download.status_code == 302  # the robot still gets the file
    assert not Visit.objects.exists()
    assert Dataset.objects.get(pk=dataset.pk).views_total == 0
    assert Resource.objects.get(pk=resource.pk).views_total == 0


def test_the_bot_list_is_one_list():
    assert {"bot", "crawler", "spider", "curl", "wget", "python-requests"} <= set(BOT_PATTERNS)


def test_a_download_counts_then_redirects_to_the_link(world, client):
    dataset = make_dataset(world.units["R1"], resources=2)
    first, second = dataset.resources.order_by("position")
    response = client.get(download_url(first), **BROWSER)
    assert response.status_code == 302 and response["Location"] == first.url
    client.get(download_url(first), **BROWSER)  # same visitor, same day
    client.get(download_url(first), **{**BROWSER, "REMOTE_ADDR": "198.51.100.7"})
    assert Resource.objects.get(pk=first.pk).views_total == 2
    assert Resource.objects.get(pk=second.pk).views_total == 0
    assert resource_tracking_summaries([first.pk, second.pk]) == {
        first.pk: {"total": 2, "recent": 2},
        second.pk: {"total": 0, "recent": 0},
    }
    # a download is not a page view
    assert tracking_summaries([dataset.pk]) == {dataset.pk: {"total": 0, "recent": 0}}
    words = text(client.get(page_url(dataset), **BROWSER))
    assert "ดาวน์โหลด 2 ครั้ง" in words and "ดาวน์โหลด 0 ครั้ง" in words
    # a resource of another dataset is not found under this one
    other = make_dataset(world.units["R1"]).resources.get()
    wrong = reverse("opendata:download", args=[dataset.name, other.uuid])
    assert client.get(wrong, **BROWSER).status_code == 404


def test_a_stored_file_downloads_as_an_attachment(world, client):
    dataset = make_dataset(world.units["R1"], resources=0)
    resource = Resource(organization_id=dataset.organization_id, dataset=dataset,
                        name="ตาราง", file_name="สถานพยาบาล.csv", format="CSV", mimetype="text/csv")  # fmt: skip
    resource.file.save("x.csv", ContentFile("จังหวัด,จำนวน\nเชียงใหม่,12\n".encode()), save=True)
    response = client.get(download_url(resource), **BROWSER)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).decode() == "จังหวัด,จำนวน\nเชียงใหม่,12\n"
    assert Resource.objects.get(pk=resource.pk).views_total == 1


def test_summaries_total_and_last_14_days_in_one_query(world):
    unit = world.units["R1"]
    a, b, never = (make_dataset(unit) for _ in range(3))
    today = timezone.localdate()
    for dataset, ages in [(a, [0, 5, 13, 14, 40]), (b, [14])]:
        for number, age in enumerate(ages):
            Visit.objects.create(organization_id=unit.organization_id, dataset=dataset,
                                 day=today - timedelta(days=age), visitor=f"{number:064d}")  # fmt: skip
    resource = a.resources.get()
    Visit.objects.create(organization_id=unit.organization_id, dataset=a, resource=resource,
                         day=today, visitor="f" * 64)  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        summaries = tracking_summaries([a.pk, b.pk, never.pk])
    assert len(queries) == 1
    assert summaries == {
        a.pk: {"total": 5, "recent": 3},
        b.pk: {"total": 1, "recent": 0},
        never.pk: {"total": 0, "recent": 0},
    }
    assert download_summaries([a.pk, b.pk])[a.pk] == {"total": 1, "recent": 1}
    assert tracking_summaries([]) == {}


def test_unit_report_and_its_csv_show_each_datasets_figures(world, client):
    unit = world.units["R1"]
    viewed = make_dataset(unit, title="ชุดที่มีผู้ชม")
    quiet = make_dataset(unit, title="ชุดที่ยังไม่มีผู้ชม")
    client.get(page_url(viewed), **BROWSER)
    client.get(download_url(viewed.resources.get()), **BROWSER)
    client.get(download_url(viewed.resources.get()), **{**BROWSER, "REMOTE_ADDR": "198.51.100.7"})
    report = client.get(reverse("opendata:unit", args=["R1"]), **BROWSER)
    assert report.status_code == 200
    words = text(report)
    assert "ชุดที่มีผู้ชม 1 1 2 2" in words and "ชุดที่ยังไม่มีผู้ชม 0 0 0 0" in words
    export = client.get(reverse("opendata:unit-csv", args=["R1"]), **BROWSER)
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][4:] == ["จำนวนผู้เข้าชม ทั้งหมด", "จำนวนผู้เข้าชม 14 วันล่าสุด",
                           "จำนวนการดาวน์โหลด ทั้งหมด", "จำนวนการดาวน์โหลด 14 วันล่าสุด"]  # fmt: skip
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[viewed.name][4:] == ["1", "1", "2", "2"]
    assert by_name[quiet.name][4:] == ["0", "0", "0", "0"]
    assert by_name[viewed.name][2].endswith(page_url(viewed))


def test_rate_limit_answers_429_in_thai_per_address(world, client, settings):
    settings.DIGIORG_PUBLIC_RATE_LIMIT = 3
    dataset = make_dataset(world.units["R1"])
    for _ in range(3):
        assert client.get("/p/data/", **BROWSER).status_code == 200
    refused = client.get(page_url(dataset), **BROWSER)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "มีการเรียกใช้จากที่อยู่ของท่านมากเกินไป" in text(refused)
    assert not Visit.objects.exists()  # a refused request counts nothing
    api = client.get("/api/3/action/package_list", **BROWSER)
    assert api.status_code == 429
    assert api.json()["success"] is False and "มากเกินไป" in api.json()["error"]["message"]
    assert client.post("/api/action/package_search", **BROWSER).status_code == 429
    # another address is not held back, nor are the signed-in pages
    assert client.get("/p/data/", **{**BROWSER, "REMOTE_ADDR": "198.51.100.7"}).status_code == 200
    assert client.get("/healthz", **BROWSER).status_code == 200
    assert client.get("/accounts/login/", **BROWSER).status_code == 200


def test_behind_the_proxy_the_address_it_appended_counts(world, client, settings):
    settings.DIGIORG_PUBLIC_RATE_LIMIT = 2
    proxy = {**BROWSER, "REMOTE_ADDR": "10.0.0.1"}
    # without a trusted proxy, everyone behind it is one address
    for _ in range(2):
        client.get("/p/data/", **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client.get("/p/data/", **proxy, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 429
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for _ in range(2):
        assert (
            client.get("/p/data/", **proxy, HTTP_X_FORWARDED_FOR="203.0.113.11").status_code == 200
        )
    # what the client wrote itself (the first entries) does not change who it is
    spoofed = client.get("/p/data/", **proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.11")
    assert spoofed.status_code == 429
    assert client.get("/p/data/", **proxy, HTTP_X_FORWARDED_FOR="203.0.113.12").status_code == 200
