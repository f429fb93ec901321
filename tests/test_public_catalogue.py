"""The public catalogue /p/data/: Thai search, filters with counts, dataset and unit pages, and
nothing that is not published (or anything internal) on any public route."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digiorg.catalogue.models import Dataset, Resource, Visit

from .catalogue_data import make_dataset
from .public_data import BROWSER, HIDDEN, facets, result_titles, text, without_token

INDEX = "/p/data/"


def get(client, url, **extra):
    return client.get(url, **{**BROWSER, **extra})


def test_thai_query_finds_datasets_holding_it_in_title_description_or_tags(world, client):
    it, r1 = world.units["IT"], world.units["R1"]
    by_title = make_dataset(it, title="สถานพยาบาลเอกชนที่ได้รับอนุญาต รายจังหวัด")
    by_tag = make_dataset(r1, title="เรื่องร้องเรียนบริการสุขภาพ", notes="สถิติเรื่องร้องเรียน",
                          tags=["สถานพยาบาล"])  # fmt: skip
    by_notes = make_dataset(r1, title="อุปกรณ์การแพทย์", notes="การบำรุงรักษาในสถานพยาบาลรัฐ",
                            tags=["เครื่องมือแพทย์"])  # fmt: skip
    other = make_dataset(r1, title="อาสาสมัครสาธารณสุขประจำหมู่บ้าน", notes="จำนวน อสม. รายอำเภอ",
                         tags=["อสม."])  # fmt: skip
    make_dataset(it, status=Dataset.Status.DRAFT, title="ร่าง สถานพยาบาล ภายใน")

    found = result_titles(get(client, INDEX + "?q=สถานพยาบาล"))
    assert sorted(found) == sorted([by_title.title, by_tag.title, by_notes.title])
    # relevance: a word in the title counts most, then a keyword, then the description
    assert found == [by_title.title, by_tag.title, by_notes.title]
    # every word must occur; words are matched case-insensitively
    assert result_titles(get(client, INDEX + "?q=สถานพยาบาล+รัฐ")) == [by_notes.title]
    english = make_dataset(it, title="Health Facilities Register", notes="Licensed clinics")
    assert result_titles(get(client, INDEX + "?q=health+CLINICS")) == [english.title]
    page = get(client, INDEX + "?q=อสม.")
    assert result_titles(page) == [other.title]
    assert "พบ 1 ชุดข้อมูล" in text(page)


@pytest.fixture
def mixed(world):
    it, r1 = world.units["IT"], world.units["R1"]
    a = make_dataset(it, tags=["สถานพยาบาล", "จังหวัด"], license_id="CC-BY")
    b = make_dataset(it, tags=["จังหวัด"], data_type="ข้อมูลระเบียน", resources=0)
    Resource.objects.create(organization_id=b.organization_id, dataset=b, name="ตาราง",
                            url="https://data.hss.go.th/b.xlsx", format="xlsx")  # fmt: skip
    c = make_dataset(r1, tags=["อสม."], data_type="ข้อมูลระเบียน", resources=2)
    Resource.objects.create(organization_id=c.organization_id, dataset=c, name="ตาราง",
                            url="https://data.hss.go.th/c.xlsx", format="XLSX")  # fmt: skip
    make_dataset(r1, status=Dataset.Status.PROPOSED, tags=["อสม."], license_id="CC-BY-SA")
    make_dataset(r1, status=Dataset.Status.WITHDRAWN, tags=["อสม."], data_type="ข้อมูลระเบียน")
    return a, b, c


def test_each_filter_narrows_the_results_and_counts_what_it_would_show(mixed, client):
    a, b, c = mixed
    all_counts = facets(get(client, INDEX))
    assert all_counts == {
        "หน่วยงาน": {"กลุ่มเทคโนโลยีสารสนเทศ": 2, "ศูนย์สนับสนุนบริการสุขภาพที่ 1": 1},
        "ประเภทข้อมูล": {"ข้อมูลระเบียน": 2, "ข้อมูลสถิติ": 1},
        "รูปแบบไฟล์": {"CSV": 2, "XLSX": 2},
        "คำสำคัญ": {"จังหวัด": 2, "สถานพยาบาล": 1, "อสม.": 1},
        "สัญญาอนุญาต": {"Open Data Common": 2, "Creative Commons Attribution": 1},
    }
    cases = [
        ("unit=IT", {a, b}),
        ("unit=R1", {c}),
        ("type=ข้อมูลระเบียน", {b, c}),
        ("format=xlsx", {b, c}),
        ("format=CSV", {a, c}),
        ("tag=จังหวัด", {a, b}),
        ("tag=อสม.", {c}),
        ("licence=CC-BY", {a}),
        ("licence=CC-BY-SA", set()),
        ("unit=IT&format=XLSX", {b}),
    ]
    for query, expected in cases:
        response = get(client, f"{INDEX}?{query}")
        assert set(result_titles(response)) == {d.title for d in expected}, query
    # counts follow the filters; the chosen value is marked and its link removes it
    narrowed = get(client, INDEX + "?unit=IT")
    counts = facets(narrowed)
    assert counts["ประเภทข้อมูล"] == {"ข้อมูลระเบียน": 1, "ข้อมูลสถิติ": 1}
    assert counts["รูปแบบไฟล์"] == {"CSV": 1, "XLSX": 1}
    assert counts["หน่วยงาน"] == {"กลุ่มเทคโนโลยีสารสนเทศ": 2}
    assert 'aria-current="true"' in narrowed.content.decode()
    assert "หน่วยงาน: กลุ่มเทคโนโลยีสารสนเทศ" in text(narrowed)


def test_sorts_and_pages(world, client):
    unit = world.units["R1"]
    datasets = [make_dataset(unit, resources=0) for _ in range(23)]
    Dataset.objects.filter(pk=datasets[3].pk).update(views_total=9)
    Dataset.objects.filter(pk=datasets[5].pk).update(views_total=4)
    first = result_titles(get(client, INDEX))
    assert len(first) == 20 and first[0] == datasets[-1].title  # newest published first
    second = get(client, INDEX + "?page=2")
    assert result_titles(second) == [d.title for d in datasets[2::-1]]
    assert "หน้า 2 จาก 2" in text(second)
    viewed = result_titles(get(client, INDEX + "?sort=views"))
    assert viewed[:2] == [datasets[3].title, datasets[5].title]


def _dataset_world(unit, count: int) -> list[Dataset]:
    datasets = [make_dataset(unit, resources=2, tags=[f"tag{n}", "จังหวัด"]) for n in range(count)]
    today = timezone.localdate()
    for dataset in datasets:
        for resource in dataset.resources.all():
            Visit.objects.create(organization_id=dataset.organization_id, dataset=dataset,
                                 resource=resource, day=today, visitor="a" * 64)  # fmt: skip
        Visit.objects.create(organization_id=dataset.organization_id, dataset=dataset,
                             day=today, visitor="b" * 64)  # fmt: skip
    return datasets


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages_cost_the_same_few_queries_at_two_sizes(world, client):
    unit = world.units["R1"]
    small = _dataset_world(unit, 3)
    urls = lambda d: [  # noqa: E731
        INDEX,
        INDEX + "?q=สถานพยาบาล&tag=จังหวัด&format=csv&sort=views",
        reverse("opendata:dataset", args=[d.name]),
        reverse("opendata:unit", args=["R1"]),
        reverse("opendata:unit-csv", args=["R1"]),
    ]
    cost_small = [_queries(client, url) for url in urls(small[0])]
    large = small + _dataset_world(unit, 40)
    cost_large = [_queries(Client(), url) for url in urls(large[-1])]
    assert cost_small == cost_large
    assert max(cost_large) <= 10, cost_large


def test_no_public_route_shows_an_unpublished_dataset_and_withdrawn_ones_are_gone(world, client):
    unit, alone = world.units["R1"], world.units["R2"]
    published = make_dataset(unit, title="ชุดข้อมูลที่เผยแพร่แล้ว")
    unknown = get(client, "/p/data/no-such-dataset/")
    assert unknown.status_code == 404
    for status in [*HIDDEN, Dataset.Status.WITHDRAWN]:
        hidden = make_dataset(unit, status=status, title=f"ชุดข้อมูลลับ {status}",
                              notes=f"รายละเอียดภายใน {status}")  # fmt: skip
        only = make_dataset(alone, status=status, title=f"ชุดเดียวของหน่วย {status}")
        if status == Dataset.Status.WITHDRAWN:
            Dataset.objects.filter(pk__in=[hidden.pk, only.pk]).update(withdrawn_at=timezone.now())
        resource = hidden.resources.get()
        page = get(client, reverse("opendata:dataset", args=[hidden.name]))
        download = get(client, reverse("opendata:download", args=[hidden.name, resource.uuid]))
        if status == Dataset.Status.WITHDRAWN:
            assert page.status_code == download.status_code == 410
            assert hidden.title in text(page) and "ถูกถอน" in text(page)
            assert hidden.notes not in text(page) and resource.url not in page.content.decode()
        else:
            assert page.status_code == download.status_code == 404, status
            # the same answer as an address that never existed
            assert without_token(page) == without_token(unknown)
        # not listed, searched, counted, or given a unit page anywhere
        for url in [INDEX, INDEX + f"?q={hidden.title}", INDEX + "?unit=R1",
                    reverse("opendata:unit", args=["R1"]),
                    reverse("opendata:unit-csv", args=["R1"])]:  # fmt: skip
            response = get(client, url)
            assert response.status_code == 200, url
            seen = response.content.decode() if url.endswith(".csv") else text(response)
            assert hidden.title not in seen and hidden.name not in seen, (status, url)
            assert (published.title in seen) != ("q=" in url), (status, url)
        assert facets(get(client, INDEX))["หน่วยงาน"] == {"ศูนย์สนับสนุนบริการสุขภาพที่ 1": 1}
        assert get(client, reverse("opendata:unit", args=["R2"])).status_code == 404
        assert get(client, reverse("opendata:unit-csv", args=["R2"])).status_code == 404
    assert not Visit.objects.exclude(dataset=published).exists()


def test_anonymous_visitors_read_everything_and_see_nothing_internal(world, client):
    coordinator = world.people["coordinator"]
    dataset = make_dataset(world.units["R1"], responsible=coordinator, review_comment="ตรวจแล้ว",
                           share_conditions="เฉพาะหน่วยงานรัฐ", shared_with=["สปสช."])  # fmt: skip
    draft = make_dataset(world.units["IA"], status=Dataset.Status.DRAFT)
    resource = dataset.resources.get()
    pages = [
        get(client, INDEX),
        get(client, reverse("opendata:dataset", args=[dataset.name])),
        get(client, reverse("opendata:unit", args=["R1"])),
        get(client, "/p/data/unit/R1/nothing/here/"),
    ]
    assert [p.status_code for p in pages] == [200, 200, 200, 404]
    for response in pages:
        body = response.content.decode() + text(response)
        for internal in ["/catalogue/", "/admin", "/accounts/", "/dashboards/", "/evidence/",
                         coordinator.name, coordinator.username, "ตรวจแล้ว", "เฉพาะหน่วยงานรัฐ",
                         "สปสช.", "กลุ่มตรวจสอบภายใน", draft.name, "ออกจากระบบ"]:  # fmt: skip
            assert internal not in body, (response.request["PATH_INFO"], internal)
        assert 'class="skip-link" href="#main"' in body and 'lang="th"' in body
    detail = text(pages[1])
    for shown in [dataset.title, "ข้อมูลสถิติ", "จังหวัด", "Open Data Common", "data@hss.go.th",
                  "ศูนย์สนับสนุนบริการสุขภาพที่ 1", resource.name, "1.0 KB"]:  # fmt: skip
        assert shown in detail, shown
    assert (
        reverse("opendata:download", args=[dataset.name, resource.uuid])
        in pages[1].content.decode()
    )
    # signed in, a person still sees the public page, without the internal menu
    signed_in = world.client("coordinator").get(reverse("opendata:dataset", args=[dataset.name]))
    assert signed_in.status_code == 200 and "ออกจากระบบ" not in signed_in.content.decode()


def test_pages_are_thai_first_and_english_on_request(world, client):
    dataset = make_dataset(world.units["R1"])
    thai = get(client, reverse("opendata:dataset", args=[dataset.name]))
    assert "ข้อมูลเปิด" in text(thai) and "ประเภทข้อมูล" in text(thai)
    client.post(reverse("language-set"), {"language": "en", "next": INDEX})
    english = get(client, reverse("opendata:dataset", args=[dataset.name]))
    assert 'lang="en"' in english.content.decode()
    words = text(english)
    assert "Open data" in words and "Type of data" in words and "statistics" in words
    assert "ข้อมูลเปิด" not in words
    listing = get(client, INDEX)
    assert "1 dataset found" in text(listing) and "Type of data" in facets(listing)
