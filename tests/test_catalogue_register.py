"""The signed-in dataset register (/catalogue/): the list with status, completeness and what is
missing; the form with every field, its errors in Thai and nothing typed lost; the version
check; the dataset page with resources (files through the upload rules, links), downloads and
history; proposal, review, return with a comment and withdrawal. Who may write what, with the
database unchanged after every refusal: test_catalogue_write_matrix.py."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from digiorg.catalogue.models import Dataset, Resource

from .catalogue_data import make_dataset
from .catalogue_pages_data import (
    checked,
    detail_url,
    edit_url,
    field_errors,
    form_data,
    messages_shown,
    text,
    value_of,
)
from .world import World

S = Dataset.Status
READERS = ["admin", "secretariat", "executive", "auditor", "coordinator", "member", "r1-staff",
           "r2-staff", "other-staff"]  # fmt: skip
CSV = "จังหวัด,จำนวน\nเชียงใหม่,120\nลำพูน,35\n".encode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


# --- who reads what ------------------------------------------------------------------------

# role -> which of the datasets of R1-STD, R2, OTH-IT it sees
SEES = {
    "admin": {"R1-STD", "R2"}, "secretariat": {"R1-STD", "R2"}, "executive": {"R1-STD", "R2"},
    "auditor": {"R1-STD", "R2"}, "coordinator": {"R1-STD"}, "member": {"R1-STD"},
    "r1-staff": {"R1-STD"}, "r2-staff": {"R2"}, "other-staff": {"OTH-IT"},
}  # fmt: skip


@pytest.mark.parametrize("who", READERS)
def test_register_and_dataset_pages_per_role(world: World, who):
    datasets = {
        code: make_dataset(world.units[code], status=S.DRAFT, title=f"ชุดข้อมูลของ {code}")
        for code in ("R1-STD", "R2", "OTH-IT")
    }
    client = world.client(who)
    listed = text(client.get(reverse("catalogue:register")))
    for code, dataset in datasets.items():
        visible = code in SEES[who]
        assert (dataset.title in listed) == visible, (who, code)
        assert client.get(detail_url(dataset)).status_code == (200 if visible else 404)
        download = client.get(
            reverse("catalogue:resource-download", args=[dataset.resources.get().pk])
        )
        assert download.status_code == 404  # a link has nothing to download; unseen is 404
    assert anonymous_is_sent_to_login(datasets["R1-STD"])


def anonymous_is_sent_to_login(dataset) -> bool:
    for url in (reverse("catalogue:register"), detail_url(dataset), reverse("catalogue:create")):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    return True


@pytest.mark.parametrize(
    ("who", "may_add"),
    [("admin", False), ("secretariat", True), ("executive", False), ("auditor", False),
     ("coordinator", True), ("member", True), ("r2-staff", True), ("other-staff", True)],
)  # fmt: skip
def test_add_button_and_form_only_for_who_may_hold_a_unit(world, who, may_add):
    client = world.client(who)
    page = client.get(reverse("catalogue:register")).content.decode()
    assert (reverse("catalogue:create") in page) == may_add
    assert client.get(reverse("catalogue:create")).status_code == (200 if may_add else 403)


def test_menu_entry_for_people_who_see_a_unit(world, django_user_model):
    page = world.client("member").get(reverse("people:security")).content.decode()
    assert 'href="/catalogue/"' in page and "บัญชีข้อมูล" in page
    nobody = django_user_model.objects.create_user(username="nobody", password="x-long-pass-1")
    client = Client()
    client.force_login(nobody)
    page = client.get(reverse("people:security")).content.decode()
    assert "<nav" in page and 'href="/catalogue/"' not in page


def test_register_rows_show_status_completeness_and_missing(world):
    r1 = world.units["R1-STD"]
    make_dataset(r1, status=S.PUBLISHED, title="ชุดที่เผยแพร่แล้ว")
    make_dataset(r1, status=S.DRAFT, resources=0, title="ชุดร่างไม่มีไฟล์", notes="", tags=[])
    page = text(world.client("member").get(reverse("catalogue:register")))
    assert "เผยแพร่แล้ว" in page and "ร่าง" in page
    assert "85%" in page  # 11 of the 13 filled
    assert "ยังไม่ได้กรอกคำอธิบาย" in page
    assert "เพิ่มไฟล์หรือลิงก์อย่างน้อยหนึ่งรายการ" in page


def test_register_filters_by_unit_and_status(world):
    r1, r2 = world.units["R1-STD"], world.units["R2"]
    a = make_dataset(r1, status=S.DRAFT, title="ข้อมูลศูนย์หนึ่ง")
    b = make_dataset(r2, status=S.PUBLISHED, title="ข้อมูลศูนย์สอง")
    client = world.client("secretariat")
    by_unit = text(client.get(reverse("catalogue:register"), {"unit": r1.pk}))
    assert a.title in by_unit and b.title not in by_unit
    by_status = text(client.get(reverse("catalogue:register"), {"status": "published"}))
    assert b.title in by_status and a.title not in by_status
    # another department's unit is not found
    assert (
        client.get(reverse("catalogue:register"), {"unit": world.units["OTH-IT"].pk}).status_code
        == 404
    )


@pytest.mark.parametrize("size", [3, 30])
def test_register_query_count_does_not_grow(world, size, django_assert_max_num_queries):
    for number in range(size):
        make_dataset(world.units["R1-STD" if number % 2 else "R2"], resources=number % 3)
    client = world.client("secretariat")
    client.get(reverse("catalogue:register"))  # sessions and caches warm
    with django_assert_max_num_queries(12):
        response = client.get(reverse("catalogue:register"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(size, 25)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("catalogue:register"), {"page": 2}).status_code == 200


# --- the form ------------------------------------------------------------------------------


def test_member_creates_a_dataset_with_every_field(world):
    member = world.people["member"]
    response = world.client("member").post(
        reverse("catalogue:create"),
        form_data(unit=world.units["R1-STD"].pk, responsible=member.pk),
    )
    dataset = Dataset.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(dataset)
    assert dataset.status == S.DRAFT and dataset.unit == world.units["R1-STD"]
    assert dataset.tags == ["สถานพยาบาล", "จังหวัด", "ใบอนุญาต"]
    assert dataset.objectives == ["พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน"]
    assert dataset.data_formats == ["CSV", "XLS/XLSX"] and dataset.data_languages == ["ไทย"]
    assert dataset.shared_with == ["สำนักงานปลัดกระทรวงสาธารณสุข", "กรมการแพทย์"]
    assert dataset.is_key and dataset.sharable and dataset.allow_harvest
    assert not dataset.high_value_dataset
    assert dataset.stage == "use" and str(dataset.used_on) == "2024-11-15"
    assert str(dataset.created_date) == "2024-10-01"
    assert dataset.first_year_of_data == 2560 and dataset.responsible == member
    assert dataset.created_by == member
    assert LogEntry.objects.get_for_object(dataset).count() == 1
    page = text(world.client("member").get(detail_url(dataset)))
    assert "ใบอนุญาต" in page and "กรมการแพทย์" in page and "15 พ.ย. 2567" not in page
    assert "15 พฤศจิกายน 2567" in page


def test_a_draft_saves_with_title_and_name_only(world):
    client = world.client("coordinator")
    response = client.post(
        reverse("catalogue:create"),
        {
            "unit": world.units["R1"].pk,
            "title": "ร่างชุดข้อมูล",
            "name": "draft-one",
            "stage": "create",
        },
    )
    dataset = Dataset.objects.get()
    assert response.status_code == 302
    page = text(client.get(detail_url(dataset)))
    assert "ยังขาดก่อนเผยแพร่" in page and "8%" in page  # the title: 1 of 13


def test_form_groups_fields_and_marks_the_mandatory_ones(world):
    page = world.client("member").get(reverse("catalogue:create")).content.decode()
    first, optional, governance = (
        page.index("catalogue-section-mandatory"),
        page.index("catalogue-section-optional"),
        page.index("catalogue-section-governance"),
    )
    assert first < optional < governance
    assert page.index('name="license_id"') < optional < page.index('name="data_classification"')
    assert governance < page.index('name="responsible"')
    marker = '<span class="visually-hidden">(จำเป็นก่อนเผยแพร่)</span>'
    assert page.count(marker) == 14  # 13 mandatory fields and the URL name
    assert page.count('type="checkbox" name="objectives"') == 14


def test_bad_input_errors_in_thai_next_to_their_field_and_nothing_lost(world):
    client = world.client("member")
    response = client.post(
        reverse("catalogue:create"),
        form_data(
            unit=world.units["R1-STD"].pk,
            name="ชื่อภาษาไทย",
            maintainer_email="not-an-email",
            data_type="ไม่มีในรายการ",
            title="",
        ),
    )
    assert response.status_code == 200 and not Dataset.objects.exists()
    assert field_errors(response, "title") == ["ตั้งชื่อชุดข้อมูล"]
    assert any("อักษรภาษาอังกฤษตัวพิมพ์เล็ก" in e for e in field_errors(response, "name"))
    assert field_errors(response, "maintainer_email") == ["กรอกอีเมลที่ถูกต้อง"]
    assert any("ไม่มีในรายการ" in e for e in field_errors(response, "data_type"))
    # what was typed is still there
    assert value_of(response, "name") == "ชื่อภาษาไทย"
    assert value_of(response, "maintainer_email") == "not-an-email"
    assert value_of(response, "tags") == "สถานพยาบาล, จังหวัด, ใบอนุญาต"
    assert checked(response, "objectives") == ["เพื่อการให้บริการประชาชน", "พันธกิจหน่วยงาน"]
    assert value_of(response, "used_on") == "15/11/2567"
    assert "ยังไม่ได้บันทึก" in text(response)


def test_url_name_already_used_is_refused(world):
    make_dataset(world.units["R2"], name="taken-name")
    response = world.client("member").post(
        reverse("catalogue:create"), form_data(unit=world.units["R1-STD"].pk, name="taken-name")
    )
    assert response.status_code == 200 and Dataset.objects.count() == 1
    assert field_errors(response, "name") == ["มีชุดข้อมูลอื่นใช้ชื่อ URL นี้แล้ว"]


def test_edit_with_a_stale_version_is_a_conflict_and_keeps_what_was_typed(world):
    dataset = make_dataset(world.units["R1-STD"], status=S.DRAFT)
    client = world.client("member")
    form = client.get(edit_url(dataset))
    assert (
        value_of(form, "title") == dataset.title and value_of(form, "tags") == "สถานพยาบาล, จังหวัด"
    )
    data = form_data(title="ชื่อของฉัน", name=dataset.name, version=dataset.version)
    first = world.client("coordinator").post(
        edit_url(dataset),
        form_data(title="ชื่อของผู้ประสานงาน", name=dataset.name, version=dataset.version),
    )
    assert first.status_code == 302
    second = client.post(edit_url(dataset), data)
    assert second.status_code == 200
    assert any("มีผู้อื่นแก้ไขชุดข้อมูลนี้" in m for m in messages_shown(second))
    assert value_of(second, "title") == "ชื่อของฉัน"
    dataset.refresh_from_db()
    assert dataset.title == "ชื่อของผู้ประสานงาน" and dataset.version == 2


def test_a_published_dataset_cannot_lose_a_mandatory_field(world):
    dataset = make_dataset(world.units["R1-STD"], status=S.PUBLISHED)
    response = world.client("member").post(
        edit_url(dataset), form_data(name=dataset.name, notes="", version=dataset.version)
    )
    assert response.status_code == 200
    assert field_errors(response, "notes") == ["ต้องกรอกคำอธิบาย"]
    dataset.refresh_from_db()
    assert dataset.notes


# --- resources -----------------------------------------------------------------------------


def test_upload_csv_and_json_then_download_as_attachment(world, media):
    dataset = make_dataset(world.units["R1-STD"], status=S.DRAFT, resources=0)
    before = dataset.modified_at
    client = world.client("member")
    url = reverse("catalogue:resource-file", args=[dataset.pk])
    response = client.post(
        url, {"file": SimpleUploadedFile("สถานพยาบาล.csv", CSV), "name": "ปี 2567"}
    )
    assert response.status_code == 302
    client.post(url, {"file": SimpleUploadedFile("data.json", b'  {"a": 1}')})
    csv, json = Resource.objects.order_by("pk")
    assert (csv.name, csv.file_name, csv.format, csv.mimetype, csv.size) == (
        "ปี 2567",
        "สถานพยาบาล.csv",
        "CSV",
        "text/csv",
        len(CSV),
    )
    assert (json.name, json.format, json.mimetype) == ("data.json", "JSON", "application/json")
    dataset.refresh_from_db()
    assert dataset.modified_at > before
    download = client.get(reverse("catalogue:resource-download", args=[csv.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == CSV
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "text/csv"
    # another region's staff does not get it
    assert (
        world.client("r2-staff")
        .get(reverse("catalogue:resource-download", args=[csv.pk]))
        .status_code
        == 404
    )
    assert len(stored_files(media)) == 2


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("program.exe", b"MZ\x90\x00", "อัปโหลดไฟล์ประเภทนี้ไม่ได้"),
        ("data.json", b"\x00\x01binary", "เนื้อหาของไฟล์ไม่ตรงกับนามสกุล (.json)"),
        ("data.json", b"just words", "เนื้อหาของไฟล์ไม่ตรงกับนามสกุล (.json)"),
        ("data.xml", b"\x89PNG\r\n", "เนื้อหาของไฟล์ไม่ตรงกับนามสกุล (.xml)"),
        ("report.pdf", b"not a pdf", "เนื้อหาของไฟล์ไม่ตรงกับนามสกุล (.pdf)"),
        ("empty.csv", b"", "ไฟล์ที่ส่งว่างเปล่า"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_stored(world, media, name, content, reason):
    dataset = make_dataset(world.units["R1-STD"], status=S.DRAFT, resources=0)
    before = Dataset.objects.values_list("modified_at", flat=True).get(pk=dataset.pk)
    response = world.client("member").post(
        reverse("catalogue:resource-file", args=[dataset.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert any(reason in m for m in messages_shown(response)), messages_shown(response)
    assert not Resource.objects.exists() and stored_files(media) == []
    assert Dataset.objects.values_list("modified_at", flat=True).get(pk=dataset.pk) == before


def test_a_file_over_the_cap_is_refused(world, media, settings):
    settings.DIGIORG_UPLOAD_MAX_BYTES = 100
    dataset = make_dataset(world.units["R1-STD"], status=S.DRAFT, resources=0)
    response = world.client("member").post(
        reverse("catalogue:resource-file", args=[dataset.pk]),
        {"file": SimpleUploadedFile("big.csv", b"a,b\n" * 100)},
        follow=True,
    )
    assert any("มีขนาดเกิน" in m for m in messages_shown(response)), messages_shown(response)
    assert not Resource.objects.exists() and stored_files(media) == []


def test_add_a_link_and_remove_resources(world, media):
    dataset = make_dataset(world.units["R1-STD"], status=S.PUBLISHED, resources=1)
    client = world.client("member")
    response = client.post(
        reverse("catalogue:resource-link", args=[dataset.pk]),
        {"link-url": "https://data.hss.go.th/api/hospitals", "link-name": "API",
         "link-format": "JSON", "link-size": ""},
    )  # fmt: skip
    assert response.status_code == 302
    link = Resource.objects.get(url="https://data.hss.go.th/api/hospitals")
    assert (link.format, link.size, link.name) == ("JSON", None, "API")
    first = dataset.resources.order_by("pk").first()
    client.post(reverse("catalogue:resource-remove", args=[first.pk]))
    assert list(dataset.resources.all()) == [link]
    # the last one of a published dataset stays
    refused = client.post(reverse("catalogue:resource-remove", args=[link.pk]), follow=True)
    assert any("ต้องมีไฟล์หรือลิงก์อย่างน้อยหนึ่งรายการ" in m for m in messages_shown(refused))
    assert Resource.objects.filter(pk=link.pk).exists()
    bad = client.post(
        reverse("catalogue:resource-link", args=[dataset.pk]),
        {"link-url": "not a link"},
        follow=True,
    )
    assert any("URL" in m or "ลิงก์" in m for m in messages_shown(bad)), messages_shown(bad)


def test_history_lists_changes_of_the_dataset_and_its_resources(world, media):
    client = world.client("member")
    client.post(reverse("catalogue:create"), form_data(unit=world.units["R1-STD"].pk))
    dataset = Dataset.objects.get()
    client.post(
        reverse("catalogue:resource-link", args=[dataset.pk]),
        {"link-url": "https://data.hss.go.th/x.csv", "link-name": "ไฟล์ปี 2567"},
    )
    client.post(reverse("catalogue:resource-remove", args=[Resource.objects.get().pk]))
    page = client.get(detail_url(dataset))
    history = page.context["history"]
    kinds = [(row["entry"].content_type.model, row["entry"].action) for row in history]
    assert ("resource", LogEntry.Action.CREATE) in kinds
    assert ("resource", LogEntry.Action.DELETE) in kinds
    assert ("dataset", LogEntry.Action.CREATE) in kinds
    shown = text(page)
    assert "ไฟล์ปี 2567" in shown and "คุณ member" in shown


# --- review and publication ----------------------------------------------------------------


def test_propose_incomplete_is_refused_with_the_missing_list(world):
    dataset = make_dataset(world.units["R1-STD"], status=S.DRAFT, resources=0, notes="")
    response = world.client("member").post(
        reverse("catalogue:propose", args=[dataset.pk]), {"version": dataset.version}, follow=True
    )
    shown = messages_shown(response)
    assert any("ยังไม่ได้กรอกคำอธิบาย" in m for m in shown), shown
    assert any("เพิ่มไฟล์หรือลิงก์อย่างน้อยหนึ่งรายการ" in m for m in shown)
    dataset.refresh_from_db()
    assert dataset.status == S.DRAFT


def test_propose_review_return_approve_withdraw(world):
    dataset = make_dataset(world.units["R1-STD"], status=S.DRAFT)
    member, secretariat = world.client("member"), world.client("secretariat")

    def post(client, name, **data):
        dataset.refresh_from_db()
        return client.post(
            reverse(f"catalogue:{name}", args=[dataset.pk]), {"version": dataset.version, **data},
            follow=True,
        )  # fmt: skip

    post(member, "propose")
    dataset.refresh_from_db()
    assert dataset.status == S.PROPOSED
    queue = text(secretariat.get(reverse("catalogue:queue")))
    assert dataset.title in queue
    assert world.client("executive").get(reverse("catalogue:queue")).status_code == 403
    # the unit cannot change it while it waits
    assert member.get(edit_url(dataset)).status_code == 403
    # returning needs a comment
    refused = post(secretariat, "review", decision="return", comment="  ")
    assert any("ระบุเหตุผลที่ส่งชุดข้อมูลกลับ" in m for m in messages_shown(refused))
    dataset.refresh_from_db()
    assert dataset.status == S.PROPOSED
    post(secretariat, "review", decision="return", comment="โปรดเพิ่มคำอธิบายหน่วยนับ")
    page = text(member.get(detail_url(dataset)))
    assert "ส่งกลับแก้ไข" in page and "โปรดเพิ่มคำอธิบายหน่วยนับ" in page
    post(member, "propose")
    post(secretariat, "review", decision="approve")
    dataset.refresh_from_db()
    assert dataset.status == S.PUBLISHED and dataset.published_at
    assert dataset.title not in text(secretariat.get(reverse("catalogue:queue")))
    refused = post(member, "withdraw", comment="")
    assert any("ระบุเหตุผลที่ถอนการเผยแพร่ชุดข้อมูล" in m for m in messages_shown(refused))
    post(member, "withdraw", comment="ข้อมูลมีข้อผิดพลาด")
    dataset.refresh_from_db()
    assert dataset.status == S.WITHDRAWN and dataset.review_comment == "ข้อมูลมีข้อผิดพลาด"
    assert "ข้อมูลมีข้อผิดพลาด" in text(member.get(detail_url(dataset)))


def test_a_stale_version_on_review_is_a_conflict(world):
    dataset = make_dataset(world.units["R1-STD"], status=S.PROPOSED)
    response = world.client("secretariat").post(
        reverse("catalogue:review", args=[dataset.pk]),
        {"version": dataset.version - 1 or 99, "decision": "approve"}, follow=True,
    )  # fmt: skip
    assert any("มีผู้อื่นแก้ไขชุดข้อมูลนี้" in m for m in messages_shown(response))
    dataset.refresh_from_db()
    assert dataset.status == S.PROPOSED
