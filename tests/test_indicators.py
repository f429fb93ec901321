"""Live-evidence indicators: the catalogue's figures on fixed data counted by hand, thresholds,
the registry, and the framework loader's checks of the file's `indicators` mapping."""

import copy
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from digiorg.assessments.models import CriterionAssessment
from digiorg.catalogue.models import Dataset, Visit
from digiorg.frameworks.loader import FrameworkFileError, canonical_framework
from digiorg.frameworks.models import Criterion, Framework
from digiorg.frameworks.services import framework_load
from digiorg.indicators.registry import (
    Indicator,
    Registry,
    Result,
    ThresholdError,
    combined,
    outcome,
    parse_threshold,
    registry,
)

from .assess_data import answer, assessed_cycle
from .catalogue_data import make_dataset
from .conftest import seed_document

CODES = [
    "catalogue.datasets_defined",
    "catalogue.key_datasets",
    "catalogue.open_datasets",
    "catalogue.sharable_datasets",
    "catalogue.datasets_with_usage",
    "catalogue.completeness",
]
S = Dataset.Status


@pytest.fixture
def catalogue(world):
    """R1: a (published, key, sharable, 2 visits), b (draft, key), d (withdrawn, 1 visit),
    e (destroyed: key and sharable, counted nowhere), f (draft, 3 of 13 mandatory fields empty);
    R1-STD: c (published, no visit); R2: g (published, sharable, 1 visit); OTH-IT: h."""
    u = world.units
    ds = {
        "a": make_dataset(u["R1"], status=S.PUBLISHED, is_key=True, sharable=True),
        "b": make_dataset(u["R1"], status=S.DRAFT, is_key=True),
        "c": make_dataset(u["R1-STD"], status=S.PUBLISHED),
        "d": make_dataset(u["R1"], status=S.WITHDRAWN),
        "e": make_dataset(
            u["R1"], status=S.DRAFT, stage=Dataset.Stage.DESTROY, is_key=True, sharable=True
        ),
        "f": make_dataset(u["R1"], status=S.DRAFT, notes="", tags=[], objectives=[]),
        "g": make_dataset(u["R2"], status=S.PUBLISHED, sharable=True),
        "h": make_dataset(u["OTH-IT"], status=S.PUBLISHED, is_key=True, sharable=True),
    }
    for key, visitor in (("a", "v1"), ("a", "v2"), ("d", "v1"), ("g", "v3"), ("h", "v4")):
        d = ds[key]
        Visit.objects.create(
            organization_id=d.organization_id, dataset=d, day="2026-12-01", visitor=visitor
        )
    return ds


# code -> unit -> value, counted by hand from the fixture's docstring
EXPECTED = {
    "catalogue.datasets_defined": {"R1": 5, "R1-STD": 1, "R2": 1, "HSS": 6, "IT": 0, "OTH": 1},
    "catalogue.key_datasets": {"R1": 2, "R1-STD": 0, "R2": 0, "HSS": 2, "IT": 0, "OTH": 1},
    "catalogue.open_datasets": {"R1": 2, "R1-STD": 1, "R2": 1, "HSS": 3, "IT": 0, "OTH": 1},
    "catalogue.sharable_datasets": {"R1": 1, "R1-STD": 0, "R2": 1, "HSS": 2, "IT": 0, "OTH": 1},
    "catalogue.datasets_with_usage": {"R1": 1, "R1-STD": 0, "R2": 1, "HSS": 2, "IT": 0, "OTH": 1},
    # f has 10 of 13 fields: 77 %; R1 (100*4 + 77) / 5; HSS (100*5 + 77) / 6 = 96.17
    "catalogue.completeness": {
        "R1": 95.4, "R1-STD": 100, "R2": 100, "HSS": 96.2, "IT": 0, "OTH": 100,
    },
}  # fmt: skip


def test_the_registry_holds_the_catalogue_indicators():
    assert set(CODES) <= set(registry.codes())
    for code in CODES:
        indicator = registry.get(code)
        assert indicator is not None and indicator.title_th and indicator.title_en
    assert registry.get("catalogue.nothing") is None


@pytest.mark.parametrize("code", CODES)
def test_each_catalogue_indicator_counted_by_hand(world, catalogue, code):
    indicator = registry.get(code)
    assert indicator is not None
    units = [world.units[k] for k in EXPECTED[code]]
    for unit in units:
        result = indicator.compute(None, unit)
        assert result.value == EXPECTED[code][unit.code], (code, unit.code)
        if code != "catalogue.completeness":
            assert len(result.rows) == result.value
        assert all(len(row) == len(result.columns) for row in result.rows)
    # the bounded path used by lists gives the same figures for every unit at once
    assert indicator.values_for(None, units) == {u.pk: EXPECTED[code][u.code] for u in units}


def test_link_is_the_register_filtered(world, catalogue):
    open_datasets = registry.get("catalogue.open_datasets")
    r1 = world.units["R1"]
    register = reverse("catalogue:register")
    assert open_datasets.compute(None, r1).link == f"{register}?unit={r1.pk}&status=published"
    key = registry.get("catalogue.key_datasets").compute(None, r1)
    assert key.link == f"{register}?unit={r1.pk}&key=1"


def test_rows_are_the_datasets_behind_the_figure(world, catalogue):
    result = registry.get("catalogue.open_datasets").compute(None, world.units["R1"])
    titles = sorted(row[0] for row in result.rows)
    assert titles == sorted([catalogue["a"].title, catalogue["c"].title])
    assert result.columns[:2] == [gettext("dataset title"), gettext("URL name")]
    usage = registry.get("catalogue.datasets_with_usage").compute(None, world.units["R1"])
    assert usage.rows == [[catalogue["a"].title, catalogue["a"].name, world.units["R1"].name,
                           gettext("published"), 2]]  # fmt: skip
    completeness = registry.get("catalogue.completeness").compute(None, world.units["R1"])
    assert sorted(row[-1] for row in completeness.rows) == [77, 100, 100, 100, 100]
    assert completeness.target == 100


# ------------------------------------------------------------------------------ thresholds


@pytest.mark.parametrize(
    "text, value, holds",
    [
        (">= 1", 1, True), (">= 1", 0, False), ("> 0", 0, False), ("> 0", 0.1, True),
        ("== 100", 100, True), ("== 100", 99.9, False), (">= 80", 79.9, False),
        (">=80", 80, True), ("<= 5.5", 5.5, True), ("< 5", 5, False), (" >= 2 ", 2, True),
    ],
)  # fmt: skip
def test_thresholds_parse_and_hold(text, value, holds):
    assert parse_threshold(text).holds(value) is holds


def test_threshold_text_is_canonical():
    assert str(parse_threshold(">=80")) == ">= 80"
    assert str(parse_threshold("== 100.0")) == "== 100"
    assert parse_threshold("> 2.50").number == Decimal("2.50")


@pytest.mark.parametrize(
    "bad",
    ["=> 1", "= 1", "1", ">= -1", ">=  1", "≥ 1", "> 1e3", "", "> ", ">= 1,000", ">= 1 and < 3",
     ">= .5", ">= 1.", None, 1, True, [">= 1"]],
)  # fmt: skip
def test_bad_thresholds_are_refused(bad):
    with pytest.raises(ThresholdError):
        parse_threshold(bad)


def test_outcome_and_combination():
    assert outcome(3, ">= 1") == "met"
    assert outcome(60, ">= 80", ">= 50") == "partial"
    assert outcome(40, ">= 80", ">= 50") == "not_met"
    assert combined(["met", "partial"]) == "partial"
    assert combined(["met", "met"]) == "met"
    assert combined(["partial", "not_met", "met"]) == "not_met"


def test_registry_refuses_bad_declarations():
    r = Registry()

    def f(cycle, unit):
        return Result(0)

    r.add(Indicator("app.one", "หนึ่ง", "One", "unit", f))
    for bad in (
        Indicator("app.one", "หนึ่ง", "One", "unit", lambda c, u: Result(1)),  # twice
        Indicator("NoDot", "x", "x", "unit", f),
        Indicator("app.two", "x", "x", "ministry", f),
        Indicator("app.three", "", "x", "unit", f),
    ):
        with pytest.raises(ValueError):
            r.add(bad)
    assert r.codes() == ["app.one"]


# ------------------------------------------------------------------------------ the loader


def _with(doc, ref, indicators):
    doc = copy.deepcopy(doc)
    for node in doc["nodes"]:
        for c in node["criteria"]:
            if c["ref"] == ref:
                c["indicators"] = indicators
    return doc


def test_the_library_file_maps_2_1_and_2_2(seed_framework):
    mapped = dict(
        Criterion.objects.filter(framework=seed_framework)
        .exclude(indicators=[])
        .values_list("ref", "indicators")
    )
    assert mapped["2.2-2"] == [{"code": "catalogue.open_datasets", "met": ">= 1"}]
    assert mapped["2.2-1"][1] == {
        "code": "catalogue.completeness",
        "met": ">= 80",
        "partial": ">= 50",
    }
    assert set(mapped) == {"2.1-4", "2.2-1", "2.2-2", "2.2-4", "2.2-5"}
    assert seed_framework.version == 3


@pytest.mark.parametrize(
    "indicators, message",
    [
        ([{"code": "catalogue.nope", "met": ">= 1"}], "catalogue.nope"),
        ([{"code": "catalogue.open_datasets", "met": "=> 1"}], "=> 1"),
        ([{"code": "catalogue.open_datasets", "met": ">= 1", "partial": "some"}], "some"),
        ([{"code": "catalogue.open_datasets"}], "met"),
        ([{"code": "catalogue.open_datasets", "met": ">= 1", "when": "x"}], "when"),
        ([{"code": "catalogue.open_datasets", "met": ">= 1"}] * 2, "catalogue.open_datasets"),
        ("catalogue.open_datasets", "indicators"),
    ],
)
def test_the_loader_refuses_bad_indicators_and_loads_nothing(db, indicators, message):
    doc = _with(seed_document(), "2.2-2", indicators)
    with pytest.raises(FrameworkFileError) as caught:
        canonical_framework(doc, "bad.yaml")
    text = str(caught.value)
    assert "2.2-2" in text and message in text
    assert not Framework.objects.exists() and not Criterion.objects.exists()


def test_unknown_code_message_names_criterion_and_code(db):
    doc = _with(seed_document(), "2.2-2", [{"code": "catalogue.nope", "met": ">= 1"}])
    with pytest.raises(FrameworkFileError) as caught:
        canonical_framework(doc, "bad.yaml")
    assert caught.value.errors == [
        "bad.yaml: เกณฑ์ “2.2-2” ตัวชี้วัดที่ 1: ไม่รู้จักรหัสตัวชี้วัด “catalogue.nope”"
    ]


def test_a_department_wide_indicator_cannot_prove_a_unit_answer(db, monkeypatch):
    whole = Indicator("test.whole", "ทั้งกรม", "Whole", "department", lambda c, u: Result(1))
    monkeypatch.setitem(registry._items, "test.whole", whole)
    doc = _with(seed_document(), "2.2-2", [{"code": "test.whole", "met": ">= 1"}])
    with pytest.raises(FrameworkFileError, match=r"test\.whole"):
        canonical_framework(doc)
    ok = _with(seed_document(), "2.2-4", [{"code": "test.whole", "met": ">= 1"}])  # department
    assert canonical_framework(ok)


def _version_2() -> dict:
    doc = copy.deepcopy(seed_document())
    doc["version"] = 2
    for node in doc["nodes"]:
        for c in node["criteria"]:
            c.pop("indicators", None)
    return doc


def test_version_3_upgrades_version_2_in_place_keeping_answers(world):
    old = framework_load(_version_2()).framework
    assert not Criterion.objects.filter(framework=old).exclude(indicators=[]).exists()
    cycle = assessed_cycle(world, old)
    kept = answer(world, cycle, "2.2-2", "met")
    before = list(CriterionAssessment.objects.values_list("pk", "criterion_id", "result"))
    ids = dict(Criterion.objects.filter(framework=old).values_list("ref", "pk"))

    result = framework_load(seed_document())

    assert result.outcome == "upgraded" and result.framework.pk == old.pk
    assert result.framework.version == 3
    assert dict(Criterion.objects.filter(framework=old).values_list("ref", "pk")) == ids
    assert list(CriterionAssessment.objects.values_list("pk", "criterion_id", "result")) == before
    kept.refresh_from_db()
    assert kept.result == "met" and kept.evidence.count() == 1
    assert Criterion.objects.get(pk=ids["2.2-2"]).indicators == [
        {"code": "catalogue.open_datasets", "met": ">= 1"}
    ]
    assert framework_load(seed_document()).outcome == "unchanged"
