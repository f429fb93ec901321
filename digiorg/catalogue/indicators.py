"""The catalogue's indicators: live evidence for framework topics 2.1 and 2.2.

Which datasets count (the subject is a unit and its subtree, or the whole department):
- defined: every dataset registered there, whatever its review status (a draft or a withdrawn
  dataset is still a dataset the unit has defined), except those whose life-cycle stage is
  "destroy" (the data no longer exists);
- key: defined and marked as a key dataset;
- open: published (what the public catalogue and the national portal see);
- sharable: defined and marked as sharable with other agencies;
- with usage: published and with at least one recorded visit (page view or download);
- completeness: the mean share of the GD Catalog's mandatory fields filled over the defined
  datasets, 0-100 (0 when there are none).
The figures are the catalogue as it is now (the register is live; the cycle does not narrow
them). Pure functions over the catalogue's rows: each is one or two queries.
"""

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from digiorg.indicators.registry import Result, declare

from .completeness import MANDATORY, completeness_percent
from .models import Dataset, Visit

D = Dataset
# the register's list page: ?unit=&status=&key=&sharable=&used=
REGISTER_LIST = "catalogue:register"


def _register_url(unit, **filters: str) -> str:
    """The register's list filtered to the subject and the datasets behind the figure; no link
    while the register has no list page (the panel then shows the rows alone)."""
    try:
        base = reverse(REGISTER_LIST)
    except NoReverseMatch:
        return ""
    return base + "?" + urlencode({"unit": unit.pk, **filters})


def _defined(unit) -> QuerySet[Dataset]:
    return (
        D.objects.filter(organization_id=unit.organization_id, unit__path__startswith=unit.path)
        .exclude(stage=D.Stage.DESTROY)
        .select_related("unit")
        .order_by("unit__path", "title", "pk")
    )


def _with_usage(datasets: QuerySet[Dataset]) -> QuerySet[Dataset]:
    return datasets.filter(status=D.Status.PUBLISHED).filter(
        Exists(Visit.objects.filter(dataset=OuterRef("pk")))
    )


def _columns(*extra: str) -> list[str]:
    return [_("dataset title"), _("URL name"), _("owner unit"), _("status"), *extra]


def _row(d: Dataset, *extra: Any) -> list[Any]:
    return [d.title, d.name, d.unit.name, d.get_status_display(), *extra]


def _listing(unit, datasets: Iterable[Dataset], **filters: str) -> Result:
    items = list(datasets)
    return Result(
        value=len(items),
        rows=[_row(d) for d in items],
        columns=_columns(),
        link=_register_url(unit, **filters),
    )


# ------------------------------------------------------------- values for many subjects at once


def _records(units: list) -> list[dict[str, Any]]:
    organizations = {u.organization_id for u in units}
    return list(
        D.objects.filter(organization_id__in=organizations)
        .exclude(stage=D.Stage.DESTROY)
        .annotate(used=Exists(Visit.objects.filter(dataset=OuterRef("pk"))))
        .values("status", "is_key", "sharable", "unit__path", "used", *MANDATORY)
    )


def _per_unit(test) -> Any:
    def values(cycle, units: list) -> dict[int, int | float]:
        records = _records(units)
        return {
            u.pk: sum(1 for r in records if r["unit__path"].startswith(u.path) and test(r))
            for u in units
        }

    return values


def _published(r: dict) -> bool:
    return r["status"] == D.Status.PUBLISHED


def _completeness_values(cycle, units: list) -> dict[int, int | float]:
    records = _records(units)
    out: dict[int, int | float] = {}
    for u in units:
        mine = [r for r in records if r["unit__path"].startswith(u.path)]
        out[u.pk] = _mean([_percent(r) for r in mine])
    return out


def _percent(record: dict) -> int:
    return round(100 * sum(1 for name in MANDATORY if record[name]) / len(MANDATORY))


def _mean(values: list[int]) -> int | float:
    if not values:
        return 0
    mean = round(sum(values) / len(values), 1)
    return int(mean) if mean.is_integer() else mean


# ------------------------------------------------------------------------------ indicators


@declare(
    "catalogue.datasets_defined", title_th="กำหนดชุดข้อมูลในบัญชีข้อมูล",
    title_en="Datasets defined in the catalogue", measure_th="ชุด", measure_en="datasets",
    values=_per_unit(lambda r: True),
)  # fmt: skip
def datasets_defined(cycle, unit) -> Result:
    return _listing(unit, _defined(unit))


@declare(
    "catalogue.key_datasets", title_th="กำหนดชุดข้อมูลสำคัญ", title_en="Key datasets named",
    measure_th="ชุด", measure_en="datasets", values=_per_unit(lambda r: r["is_key"]),
)  # fmt: skip
def key_datasets(cycle, unit) -> Result:
    return _listing(unit, _defined(unit).filter(is_key=True), key="1")


@declare(
    "catalogue.open_datasets", title_th="เผยแพร่ชุดข้อมูลเปิด",
    title_en="Open datasets published", measure_th="ชุด", measure_en="datasets",
    values=_per_unit(_published),
)  # fmt: skip
def open_datasets(cycle, unit) -> Result:
    return _listing(unit, _defined(unit).filter(status=D.Status.PUBLISHED), status="published")


@declare(
    "catalogue.sharable_datasets", title_th="ชุดข้อมูลที่เชื่อมโยงแลกเปลี่ยนได้ (Sharable Data)",
    title_en="Sharable datasets", measure_th="ชุด", measure_en="datasets",
    values=_per_unit(lambda r: r["sharable"]),
)  # fmt: skip
def sharable_datasets(cycle, unit) -> Result:
    return _listing(unit, _defined(unit).filter(sharable=True), sharable="1")


@declare(
    "catalogue.datasets_with_usage", title_th="ชุดข้อมูลเปิดที่มีสถิติการใช้งาน",
    title_en="Open datasets with usage statistics", measure_th="ชุด", measure_en="datasets",
    values=_per_unit(lambda r: _published(r) and r["used"]),
)  # fmt: skip
def datasets_with_usage(cycle, unit) -> Result:
    visits = (
        Visit.objects.filter(dataset=OuterRef("pk"))
        .values("dataset")
        .annotate(n=Count("pk"))
        .values("n")
    )
    items = list(_with_usage(_defined(unit)).annotate(visits=Subquery(visits)))
    return Result(
        value=len(items),
        rows=[_row(d, d.visits) for d in items],
        columns=_columns(_("visits recorded")),
        link=_register_url(unit, status="published", used="1"),
    )


@declare(
    "catalogue.completeness", title_th="ความครบถ้วนของคำอธิบายชุดข้อมูล (ค่าเฉลี่ย)",
    title_en="Catalogue completeness (mean)", measure_th="%", measure_en="%",
    values=_completeness_values,
)  # fmt: skip
def completeness(cycle, unit) -> Result:
    items = list(_defined(unit))
    percents = [completeness_percent(d) for d in items]
    return Result(
        value=_mean(percents),
        target=100,
        rows=[_row(d, p) for d, p in zip(items, percents, strict=True)],
        columns=_columns(_("completeness (%)")),
        link=_register_url(unit),
    )
