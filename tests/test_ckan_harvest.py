"""ckanext-harvest's ckan_harvester against digiorg, request by request as its gather stage
sends them (ckanext/harvest/harvesters/ckanharvester.py, `_search_for_datasets`): GET
package_search?rows=100&start=N&sort=id+asc[&fq=...] until a page comes back empty (two
identical pages in a row would be its error), the results imported as they are (no
package_show), organization_show by the owner_org id; then, after one edit, the incremental
run with fq=metadata_modified:[<last run's start>Z TO *]."""

from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
import requests

from digiorg.catalogue.models import Dataset
from digiorg.catalogue.services import dataset_update

from .catalogue_data import COMPLETE, make_dataset

S = Dataset.Status
PUBLISHED = 130  # more than one page of 100


def _search(base_url: str, fq_terms: list[str]) -> tuple[list[dict], int]:
    """The harvester's paging loop: (datasets, requests made)."""
    params = {"rows": "100", "start": "0", "sort": "id asc"}
    if fq_terms:
        params["fq"] = " ".join(fq_terms)
    datasets: list[dict] = []
    previous, sent = None, 0
    while True:
        response = requests.get(
            f"{base_url}/api/3/action/package_search?{urlencode(params)}", timeout=30
        )
        sent += 1
        assert response.status_code == 200, response.text
        assert response.text != previous, "the paging does not work: the same page twice"
        previous = response.text
        page = response.json()["result"]["results"]
        datasets.extend(page)
        if not page:
            return datasets, sent
        params["start"] = str(int(params["start"]) + int(params["rows"]))


@pytest.fixture
def published(world):
    units = [world.units["R1"], world.units["IT"], world.units["R2"]]
    datasets = [make_dataset(units[n % 3], resources=1 + n % 2) for n in range(PUBLISHED)]
    for status in (S.DRAFT, S.PROPOSED, S.RETURNED, S.WITHDRAWN):
        make_dataset(world.units["R1"], status=status)
    return datasets


def test_harvester_gathers_every_public_dataset_then_only_the_edited_one(
    world, published, live_server
):
    base = live_server.url
    started = datetime.now(UTC).replace(tzinfo=None)  # the harvester's gather_started (UTC)
    first, sent = _search(base, [])
    assert sent == 3  # 100 + 30 + the empty page
    ids = [d["id"] for d in first]
    assert ids == sorted(ids) and len(set(ids)) == PUBLISHED
    assert set(ids) == {str(d.uuid) for d in published}
    for package in first:  # imported as they are: complete
        assert package["resources"] and package["organization"]["id"] == package["owner_org"]
        assert package["num_resources"] == len(package["resources"])
        assert {e["key"] for e in package["extras"]} >= {"data_type", "data_category"}

    # remote organizations are fetched by the owner_org id
    owners = {d["owner_org"] for d in first}
    assert len(owners) == 3
    for owner in owners:
        response = requests.get(f"{base}/api/3/action/organization_show?id={owner}", timeout=30)
        assert response.status_code == 200
        organization = response.json()["result"]
        assert organization["id"] == owner and organization["package_count"] == PUBLISHED // 3 + (
            1 if organization["name"] == "hss-r1" else 0
        )

    # filters by organization, as the source's organizations_filter_include / _exclude send
    only, _sent = _search(base, ["organization:hss-r1 OR organization:hss-it"])
    assert {d["organization"]["name"] for d in only} == {"hss-r1", "hss-it"}
    assert len(only) == 44 + 43
    without, _sent = _search(base, ["-organization:hss-r1", "-organization:hss-it"])
    assert {d["organization"]["name"] for d in without} == {"hss-r2"} and len(without) == 43

    # nothing changed yet: the incremental run finds nothing
    since = f"metadata_modified:[{started.isoformat()}Z TO *]"
    assert _search(base, [since]) == ([], 1)

    # a unit edits one dataset through the service (modified_at moves on)
    edited = next(d for d in published[50:] if d.unit_id == world.units["R1"].pk)
    fields = {**COMPLETE, "notes": "ปรับปรุงคำอธิบาย"}
    dataset_update(edited, actor=world.people["coordinator"], version=edited.version, **fields)
    changed, sent = _search(base, [since])
    assert [d["id"] for d in changed] == [str(edited.uuid)] and sent == 2
    assert changed[0]["notes"] == "ปรับปรุงคำอธิบาย"
    assert changed[0]["metadata_modified"] > started.isoformat()
    # combined with an organization filter, as the harvester joins its terms
    assert _search(base, ["-organization:hss-r1", since])[0] == []
    assert len(_search(base, ["organization:hss-r1 OR organization:hss-it", since])[0]) == 1
