"""The bundled FY 2568 framework is complete and faithful to the approved memo."""

from .conftest import seed_document

SEED_TOPIC_REFS = [
    "1", "1.1", "1.2", "1.3", "1.4",
    "2", "2.1", "2.2", "2.3",
    "3", "3.1", "3.2", "3.3",
    "4", "4.1", "4.1.1", "4.1.2", "4.1.3", "4.2", "4.3", "4.4", "4.4.1", "4.4.2", "4.4.3",
    "5", "5.1", "5.2", "5.2.1", "5.2.2",
    "6", "6.1", "6.2",
    "7", "7.1",
]  # fmt: skip
LEAF_REFS = [
    "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3",
    "4.1.1", "4.1.2", "4.1.3", "4.2", "4.3", "4.4.1", "4.4.2", "4.4.3",
    "5.1", "5.2.1", "5.2.2", "6.1", "6.2", "7.1",
]  # fmt: skip
DIMENSIONS_EN = [
    "Policies & Practices",
    "Data-driven Practices",
    "Digital Capability",
    "Public Services",
    "Smart Back Office",
    "Secure and Efficient Infrastructure",
    "Digital Technology Practices",
]


def nodes():
    return {node["ref"]: node for node in seed_document()["nodes"]}


def all_text() -> str:
    parts = []
    for node in seed_document()["nodes"]:
        parts += [node["title"]["th"], node["guidance"]["th"]]
        parts += [c["text"]["th"] for c in node["criteria"]]
    return "\n".join(parts)


def test_every_seed_topic_is_present_with_thai_and_english_titles():
    by_ref = nodes()
    assert list(by_ref) == SEED_TOPIC_REFS
    for node in by_ref.values():
        assert node["title"]["th"] and node["title"]["en"], node["ref"]


def test_seven_dimensions_with_the_seed_english_names():
    dims = [n for n in seed_document()["nodes"] if n["kind"] == "dimension"]
    assert [d["title"]["en"] for d in dims] == DIMENSIONS_EN
    assert dims[0]["title"]["th"] == "นโยบายและหลักปฏิบัติ"


def test_every_leaf_topic_has_criteria_and_only_leaves_do():
    for ref, node in nodes().items():
        if ref in LEAF_REFS:
            assert node["criteria"], ref
        else:
            assert not node["criteria"], ref


def test_criterion_count_and_texts():
    criteria = [c for n in seed_document()["nodes"] for c in n["criteria"]]
    assert len(criteria) == 94
    for criterion in criteria:
        assert criterion["text"]["th"] and criterion["text"]["en"], criterion["ref"]
        assert criterion["scope"] in {"department", "unit"}


def test_ocr_misreadings_are_corrected():
    text = all_text()
    assert "ธรรมชาติข้อมูล" not in text
    assert "ธรรมาภิบาลข้อมูลภาครัฐ" in text
    assert "เครื่องขายส่งคม" not in text


def test_links_and_legal_references_are_kept():
    by_ref = nodes()
    urls = [r["url"] for c in by_ref["3.3"]["criteria"] for r in c["references"]]
    assert "https://dg-sa.tpqi.go.th" in urls
    pdpa = " ".join(
        r["label"]["th"] for c in by_ref["2.3"]["criteria"] for r in c["references"]
    ) + " ".join(c["text"]["th"] for c in by_ref["2.3"]["criteria"])
    for section in ("มาตรา 23", "มาตรา 41", "37(3)"):
        assert section in pdpa
