"""Reports from the pages and from `digiorg report`: who may download which, and bad input."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from .assess_data import answer_topic, assessed_cycle


@pytest.fixture
def cycle(world, seed_framework):
    cycle = assessed_cycle(world, seed_framework)
    answer_topic(world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met", "2.2-4": "not_met",
                                "2.2-5": "not_applicable", "2.2-6": "met"})  # fmt: skip
    return cycle


def url(cycle, fmt, unit=None):
    base = reverse("reports:report", args=[cycle.pk, fmt])
    return f"{base}?unit={unit.pk}" if unit is not None else base


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "fmt, magic, content_type",
    [
        ("docx", b"PK", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", b"PK", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_department_reports_download(world, cycle, fmt, magic, content_type, settings):
    # with a signer configured the memo downloads at once (tests/test_report_memo_layout.py
    # has the page that comes first when it is not)
    settings.DIGIORG_MEMO = {**settings.DIGIORG_MEMO, "signer": "นายลงนาม ทดสอบ"}
    response = world.client("executive").get(url(cycle, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert (
        "attachment" in response["Content-Disposition"]
        and "FY2568" in response["Content-Disposition"]
    )
    assert body(response).startswith(magic)


@pytest.mark.parametrize("fmt", ["pdf", "pack"])
def test_large_reports_are_prepared_in_the_background(world, cycle, fmt):
    """The PDF and the survey pack: the link offers to prepare them (tests/test_report_jobs.py
    follows the job); nothing is built in this request."""
    response = world.client("executive").get(url(cycle, fmt))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b'method="post"' in response.content


@pytest.mark.parametrize(
    "who, department, own_unit, other_unit",
    [
        ("executive", "HSS", 200, 200),
        ("auditor", "HSS", 200, 200),
        ("coordinator", "R1", 200, 404),  # units asking for the department get their own
        ("member", "R1", 200, 404),
        ("r2-staff", "R2", 404, 200),
        ("other-staff", 404, 404, 404),
    ],
)
def test_who_may_download(world, cycle, who, department, own_unit, other_unit):
    client = world.client(who)
    response = client.get(url(cycle, "xlsx"))
    if department == 404:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert f"digiorg-workbook-{department}-FY2568.xlsx" in response["Content-Disposition"]
    assert client.get(url(cycle, "xlsx", world.units["R1"])).status_code == own_unit
    assert client.get(url(cycle, "xlsx", world.units["R2"])).status_code == other_unit


def test_bad_requests(world, cycle):
    client = world.client("executive")
    assert client.get(reverse("reports:report", args=[cycle.pk, "exe"])).status_code == 404
    assert client.get(reverse("reports:report", args=[999999, "pdf"])).status_code == 404
    assert client.get(url(cycle, "pdf", world.units["OTH-IT"])).status_code == 404
    assert world.client(None).get(url(cycle, "pdf")).status_code == 302


def test_command_writes_each_format(world, cycle, tmp_path):
    for fmt in ("docx", "xlsx", "pack"):
        out = tmp_path / f"report.{fmt}"
        call_command(
            "report", "--cycle", "2568", "--format", fmt, "--organization", "HSS", "-o", str(out)
        )
        assert out.read_bytes().startswith(b"PK")
    out = tmp_path / "r1.xlsx"
    call_command("report", "--cycle", "2568", "--format", "xlsx", "--organization", "HSS", "--unit", "R1",
                 "--language", "en", "-o", str(out))  # fmt: skip
    assert out.stat().st_size > 0


def test_command_refuses_bad_input(world, cycle, tmp_path, seed_framework):
    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match="No cycle"):
        call_command("report", "--cycle", "2500", "--format", "pdf", "-o", str(out))
    with pytest.raises(CommandError, match="No unit"):
        call_command(
            "report", "--cycle", "2568", "--format", "pdf", "--unit", "NOPE", "-o", str(out)
        )
    from digiorg.cycles.services import cycle_open

    cycle_open(organization=world.units["OTH"], fiscal_year=2568, framework=seed_framework)
    with pytest.raises(CommandError, match="--organization"):
        call_command("report", "--cycle", "2568", "--format", "pdf", "-o", str(out))
    assert not out.exists()
