"""The catalogue's core rules: metadata checks name the field and the reason, publication needs
review, and only published datasets are public."""

import pytest

from digiorg.catalogue.models import Dataset
from digiorg.catalogue.permissions import public_datasets
from digiorg.catalogue.services import (
    clean_metadata,
    dataset_create,
    dataset_propose,
    dataset_review,
    dataset_withdraw,
)
from digiorg.core.errors import PermissionDenied, ValidationFailed

from .catalogue_data import COMPLETE, make_dataset


def test_bad_metadata_names_field_and_reason(db):
    bad = {**COMPLETE, "title": "ชุดข้อมูล", "name": "ชื่อไทย", "data_type": "ข้อมูลอื่น"}
    del bad["license_id"]
    with pytest.raises(ValidationFailed) as failed:
        clean_metadata(bad, require_all=True)
    assert set(failed.value.errors) == {"name", "data_type", "license_id"}
    assert "ข้อมูลอื่น" in failed.value.errors["data_type"]


def test_workflow_draft_to_published_to_withdrawn(world):
    unit = world.units["R1"]
    coordinator, secretariat = world.people["coordinator"], world.people["secretariat"]
    dataset = dataset_create(actor=coordinator, unit=unit, title="อสม. รายอำเภอ", name="vhv")
    with pytest.raises(ValidationFailed) as failed:
        dataset_propose(dataset, actor=coordinator, version=dataset.version)
    assert "data_type" in failed.value.errors
    done = make_dataset(unit, status=Dataset.Status.DRAFT)
    done = dataset_propose(done, actor=coordinator, version=done.version)
    assert not public_datasets().filter(pk=done.pk).exists()
    with pytest.raises(PermissionDenied):
        dataset_review(done, actor=coordinator, version=done.version, approve=True)
    done = dataset_review(done, actor=secretariat, version=done.version, approve=True)
    assert public_datasets().filter(pk=done.pk).exists()
    done = dataset_withdraw(done, actor=secretariat, version=done.version, comment="ข้อมูลผิด")
    assert done.status == Dataset.Status.WITHDRAWN
    assert not public_datasets().filter(pk=done.pk).exists()
