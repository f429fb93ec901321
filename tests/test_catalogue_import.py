"""Importing an existing catalogue: the GD Catalog's Excel template and a CKAN portal, all or
nothing, every problem with its row (or dataset), field and reason in Thai."""

import http.server
import io
import socket
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from digiorg.catalogue.imports import (
    check_public_host,
    fetch_ckan,
    import_ckan,
    import_excel,
    import_records,
    search_url,
    split_values,
)
from digiorg.catalogue.models import Dataset, Resource
from digiorg.core.errors import PermissionDenied, ValidationFailed

from .catalogue_data import COMPLETE, make_dataset

HEADER = [
    "ชื่อย่อชุดข้อมูล", "ประเภทชุดข้อมูล", "ชื่อชุดข้อมูล", "องค์กร", "ชื่อฝ่ายงานสำหรับติดต่อ",
    "อีเมลสำหรับติดต่อ", "รายละเอียด", "คำสำคัญ", "วัตถุประสงค์",
    "หน่วยความถี่ของการปรับปรุงข้อมูล", "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "แหล่งที่มา",
    "รูปแบบการเก็บข้อมูล", "หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ", "สัญญาอนุญาต",
    "ปีข้อมูลที่เริ่มต้น",
]  # fmt: skip
KEYS = [
    "name", "data_type", "title", "owner_org", "maintainer", "maintainer_email", "notes", "tags",
    "objectives", "update_frequency_unit", "geo_coverage", "data_source", "data_formats",
    "data_category", "license_id", "first_year_of_data",
]  # fmt: skip


def good_row(**changes) -> list:
    values = {
        **COMPLETE,
        "name": "vhv-by-district",
        "title": "อสม. รายอำเภอ",
        "owner_org": "กรมสนับสนุนบริการสุขภาพ",
        "tags": "อสม, อำเภอ",
        "objectives": "พันธกิจหน่วยงาน, เพื่อการให้บริการประชาชน",
        "data_formats": "CSV, XLS/XLSX",
        "first_year_of_data": "2560",
        **changes,
    }
    return [values[key] for key in KEYS]


def xlsx(rows: list[list], header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("catalogue.xlsx", out.getvalue())


@pytest.fixture
def unit(world):
    return world.units["R1"]


@pytest.fixture
def coordinator(world):
    return world.people["coordinator"]


def test_excel_good_file_makes_drafts(world, unit, coordinator):
    upload = xlsx([good_row(), good_row(name="", title="สถานพยาบาลเอกชน", tags="สถานพยาบาล")])
    report = import_excel(upload, unit=unit, actor=coordinator)
    assert report.errors == [] and report.created == 2
    first = Dataset.objects.get(name="vhv-by-district")
    assert first.status == Dataset.Status.DRAFT and first.unit == unit
    assert first.created_by == coordinator
    assert first.tags == ["อสม", "อำเภอ"]
    assert first.objectives == ["พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน"]
    assert first.data_formats == ["CSV", "XLS/XLSX"]
    assert first.first_year_of_data == 2560
    second = Dataset.objects.get(title="สถานพยาบาลเอกชน")
    assert second.name.startswith("dataset-")  # the template has no URL name: one is made


def test_excel_header_of_field_names_is_read_too(world, unit, coordinator):
    names = [
        {"tags": "tag_string", "objectives": "objective", "data_formats": "data_format"}.get(k, k)
        for k in KEYS
    ]
    report = import_excel(xlsx([good_row()], header=names), unit=unit, actor=coordinator)
    assert report.created == 1


BAD_ROWS = [
    ({"title": ""}, "title", "ชื่อชุดข้อมูล"),
    ({"license_id": ""}, "license_id", "สัญญาอนุญาต"),
    ({"data_type": "ข้อมูลอื่น"}, "data_type", "ข้อมูลอื่น"),
    ({"objectives": "พันธกิจหน่วยงาน, ยุทธศาสตร์โลก"}, "objectives", "ยุทธศาสตร์โลก"),
    ({"maintainer_email": "not-an-email"}, "maintainer_email", "อีเมล"),
    ({"name": "ชื่อไทย"}, "name", "ตัวพิมพ์เล็ก"),
    ({"first_year_of_data": "สองพันห้าร้อย"}, "first_year_of_data", "สองพันห้าร้อย"),
    ({"title": "ก" * 301}, "title", "301"),
]


@pytest.mark.parametrize("changes, key, words", BAD_ROWS)
def test_excel_bad_row_names_row_field_and_reason_and_stores_nothing(
    world, unit, coordinator, changes, key, words
):
    upload = xlsx([good_row(name="fine-one"), good_row(**changes)])
    report = import_excel(upload, unit=unit, actor=coordinator)
    assert report.created == 0
    assert ("3", key) in [(where, k) for where, k, _reason in report.errors]
    reason = next(r for where, k, r in report.errors if (where, k) == ("3", key))
    assert words in reason
    assert not Dataset.objects.exists()


def test_excel_duplicate_and_taken_names_are_refused(world, unit, coordinator):
    make_dataset(unit, name="taken")
    report = import_excel(
        xlsx([good_row(name="twice"), good_row(name="twice"), good_row(name="taken")]),
        unit=unit,
        actor=coordinator,
    )
    assert {(w, k) for w, k, _r in report.errors} == {("3", "name"), ("4", "name")}
    assert Dataset.objects.count() == 1


def test_excel_wrong_headers_and_outsider(world, unit, coordinator):
    with pytest.raises(ValidationFailed) as failed:
        import_excel(xlsx([good_row()], header=HEADER[:5]), unit=unit, actor=coordinator)
    assert "สัญญาอนุญาต" in failed.value.errors["file"]
    with pytest.raises(PermissionDenied):
        import_excel(xlsx([good_row()]), unit=unit, actor=world.people["r2-staff"])
    assert not Dataset.objects.exists()


def test_import_page(world, unit):
    url = "/catalogue/import/"
    assert world.client(None).get(url).status_code == 302
    auditor = world.client("auditor")
    assert auditor.get(url).status_code == 403
    assert auditor.post(url, {"unit": unit.pk, "file": xlsx([good_row()])}).status_code == 403
    coordinator = world.client("coordinator")
    page = coordinator.get(url)
    assert page.status_code == 200 and "ชื่อชุดข้อมูล" in page.content.decode()
    # a unit outside the person's reach is not offered, and is refused
    refused = coordinator.post(url, {"unit": world.units["R2"].pk, "file": xlsx([good_row()])})
    assert refused.status_code == 422
    bad = coordinator.post(url, {"unit": unit.pk, "file": xlsx([good_row(license_id="")])})
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "ไม่ได้นำเข้าข้อมูลใด" in text and "สัญญาอนุญาต" in text
    assert not Dataset.objects.exists()
    done = coordinator.post(url, {"unit": unit.pk, "file": xlsx([good_row()])}, follow=True)
    assert "นำเข้า" in done.content.decode()
    assert Dataset.objects.get().status == Dataset.Status.DRAFT


def test_command_imports_excel(world, unit, tmp_path):
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(xlsx([good_row()]).read())
    call_command("import_catalogue", "--excel", str(path), "--unit", "R1", "--user", "coordinator")
    assert Dataset.objects.get().unit == unit
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([good_row(name="other", title="")]).read())
    with pytest.raises(CommandError):
        call_command(
            "import_catalogue", "--excel", str(bad), "--unit", "R1", "--user", "coordinator"
        )
    assert Dataset.objects.count() == 1


def test_multi_values_in_the_forms_portals_store_them():
    assert split_values('["CSV", "JSON"]') == ["CSV", "JSON"]
    assert split_values("{CSV,JSON}") == ["CSV", "JSON"]
    assert split_values("CSV, JSON\nXML") == ["CSV", "JSON", "XML"]
    assert split_values(["CSV", " "]) == ["CSV"]
    assert search_url("https://data.go.th/") == "https://data.go.th/api/3/action/package_search"
    assert (
        search_url("http://x.test/ckan/api/3") == "http://x.test/ckan/api/3/action/package_search"
    )


# --- A CKAN source that answers badly --------------------------------------------------------


class _Answers(http.server.BaseHTTPRequestHandler):
    body = b""
    content_type = "text/html"

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", self.content_type)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def bad_source():
    """A web server that answers every address with the body a test sets."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "body, words",
    [
        (b"<html><body>portal</body></html>", "JSON"),
        (b'{"hello": 1}', "CKAN"),
        (b'{"success": false, "error": {"message": "Solr is down"}}', "Solr is down"),
        (b'{"success": true, "result": {"count": 1}}', "รายการชุดข้อมูล"),
        (b'{"success": true, "result": {"results": [{"id": "a", "name": "a"}]}}', "ซ้ำ"),
    ],
)
def test_a_source_that_answers_badly_gives_a_clear_error(
    world, unit, coordinator, bad_source, body, words
):
    _Answers.body = body
    source = f"http://127.0.0.1:{bad_source.server_address[1]}/"
    with pytest.raises(ValidationFailed) as failed:
        import_ckan(source, unit=unit, actor=coordinator, private=True)
    assert words in failed.value.errors["source"]
    assert not Dataset.objects.exists()


def test_private_addresses_are_refused_unless_allowed(settings):
    for url in (
        "http://127.0.0.1:8000/",
        "http://10.1.2.3/",
        "http://[::1]/",
        "http://169.254.1.1/",
    ):
        with pytest.raises(ValidationFailed) as failed:
            check_public_host(url)
        assert "เครือข่ายภายใน" in failed.value.errors["source"]
        check_public_host(url, private=True)
    check_public_host("http://8.8.8.8/")
    settings.DIGIORG_IMPORT_PRIVATE_SOURCES = True
    check_public_host("http://10.1.2.3/")


def test_an_unreachable_source_gives_a_clear_error(world, unit, coordinator):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ValidationFailed) as failed:
        import_ckan(f"http://127.0.0.1:{port}", unit=unit, actor=coordinator, private=True)
    assert "ติดต่อ" in failed.value.errors["source"]
    with pytest.raises(ValidationFailed) as failed:
        import_ckan("file:///etc/passwd", unit=unit, actor=coordinator)
    assert "file:///etc/passwd" in failed.value.errors["source"]
    assert not Dataset.objects.exists() and not Resource.objects.exists()


# --- This project's own CKAN API as the source, on a live server -----------------------------


def test_ckan_import_from_this_projects_own_api(live_server, world, unit, coordinator, settings):
    source_unit = world.units["OTH-IT"]
    special = make_dataset(
        source_unit, resources=2, title="อสม. รายอำเภอ", name="vhv-by-district",
        tags=["อสม", "อำเภอ"], objectives=["พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน"],
        data_formats=["CSV", "JSON"], data_languages=["ไทย"], first_year_of_data=2560,
        last_year_of_data=2566, license_id="CC-BY", update_frequency_unit="เดือน",
        data_classification="เปิดเผย", allow_harvest=False,
    )  # fmt: skip
    published = [special] + [make_dataset(source_unit) for _ in range(104)]  # two pages of 100
    make_dataset(source_unit, status=Dataset.Status.DRAFT, name="not-public")
    before = Dataset.objects.count()

    records = fetch_ckan(live_server.url, private=True)
    assert sorted(r["name"] for r in records) == sorted(d.name for d in published)

    # the same catalogue into this one: every name is taken, each reported, nothing stored
    report = import_ckan(live_server.url + "/api/3", unit=unit, actor=coordinator, private=True)
    assert report.created == 0
    assert {(where, key) for where, key, _r in report.errors} == {
        (d.name, "name") for d in published
    }
    assert "มีชุดข้อมูลอื่นใช้ชื่อ URL นี้แล้ว" in report.errors[0][2]
    assert Dataset.objects.count() == before
    coordinator_client = world.client("coordinator")
    form = {"unit": unit.pk, "source": live_server.url}
    # the page reads only public addresses unless the site allows its private network
    refused = coordinator_client.post("/catalogue/import/", form)
    assert refused.status_code == 422 and "เครือข่ายภายใน" in refused.content.decode()
    settings.DIGIORG_IMPORT_PRIVATE_SOURCES = True
    page = coordinator_client.post("/catalogue/import/", form)
    assert page.status_code == 422 and "vhv-by-district" in page.content.decode()
    with pytest.raises(CommandError):  # the command may read the private network
        call_command(
            "import_catalogue", "--ckan", live_server.url, "--unit", "R1", "--user", "coordinator"
        )
    assert Dataset.objects.count() == before

    # as if the source were another portal: its datasets are not here, so they all arrive
    files = [(r.name, r.url, r.format, r.size) for r in special.resources.all()]
    Dataset.objects.filter(unit=source_unit).delete()
    report = import_records(records, unit=unit, actor=coordinator)
    assert report.errors == [] and report.created == 105
    assert Dataset.objects.filter(unit=unit, status=Dataset.Status.DRAFT).count() == 105
    imported = Dataset.objects.get(name="vhv-by-district")
    assert imported.uuid != special.uuid and imported.created_by == coordinator
    for field in (
        "title", "notes", "maintainer", "maintainer_email", "tags", "objectives", "data_type",
        "update_frequency_unit", "geo_coverage", "data_source", "data_formats", "data_category",
        "license_id", "data_classification", "data_languages", "first_year_of_data",
        "last_year_of_data", "allow_harvest",
    ):  # fmt: skip
        assert getattr(imported, field) == getattr(special, field), field
    assert [(r.name, r.url, r.format, r.size) for r in imported.resources.all()] == files
    assert len(files) == 2
