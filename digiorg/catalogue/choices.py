"""The GD Catalog's value lists (Thai scheming schema of data.go.th), stored as the portal's own
Thai values so an export or a harvest carries them unchanged. See shared/reference/open-data.md.

The English labels are for English-language pages only; the stored value is always the Thai (or,
for formats and licences, the portal's) string."""

from django.utils.translation import gettext_lazy as _

DATA_TYPES = [
    ("ข้อมูลระเบียน", _("records")),
    ("ข้อมูลสถิติ", _("statistics")),
    ("ข้อมูลภูมิสารสนเทศเชิงพื้นที่", _("geospatial data")),
    ("ข้อมูลหลากหลายประเภท", _("mixed data")),
    ("ข้อมูลประเภทอื่นๆ", _("other data")),
]
OBJECTIVES = [
    ("ยุทธศาสตร์ชาติ", _("national strategy")),
    ("แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ", _("national economic and social development plan")),
    ("แผนความมั่นคงแห่งชาติ", _("national security plan")),
    ("แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", _("master plans under the national strategy")),
    ("แผนปฏิรูปประเทศ", _("national reform plan")),
    ("แผนระดับที่ 3", _("level-3 plans")),
    ("นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี", _("government policy / prime minister's orders")),
    ("มติคณะรัฐมนตรี", _("cabinet resolutions")),
    ("เพื่อการให้บริการประชาชน", _("public services")),
    ("กฎหมายที่เกี่ยวข้อง", _("related laws")),
    ("พันธกิจหน่วยงาน", _("the agency's mission")),
    ("ดัชนี/ตัวชี้วัดระดับนานาชาติ", _("international indices and indicators")),
    ("ไม่ทราบ", _("unknown")),
    ("อื่นๆ", _("other")),
]
UPDATE_FREQUENCIES = [
    ("ไม่ทราบ", _("unknown")),
    ("ปี", _("yearly")),
    ("ครึ่งปี", _("half-yearly")),
    ("ไตรมาส", _("quarterly")),
    ("เดือน", _("monthly")),
    ("สัปดาห์", _("weekly")),
    ("วัน", _("daily")),
    ("วันทำการ", _("working days")),
    ("ชั่วโมง", _("hourly")),
    ("นาที", _("every minute")),
    ("ตามเวลาจริง", _("real time")),
    ("ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล", _("not updated after collection")),
    ("อื่นๆ", _("other")),
]
GEO_COVERAGES = [
    ("ไม่มี", _("none")),
    ("โลก", _("world")),
    ("ทวีป", _("continent")),
    ("กลุ่มประเทศทางเศรษฐกิจ", _("economic group of countries")),
    ("ประเทศ", _("country")),
    ("ภาค", _("region")),
    ("จังหวัด", _("province")),
    ("อำเภอ", _("district")),
    ("ตำบล", _("sub-district")),
    ("หมู่บ้าน", _("village")),
    ("เทศบาล/อบต.", _("municipality / SAO")),
    ("พิกัด", _("coordinates")),
    ("ไม่ทราบ", _("unknown")),
    ("อื่นๆ", _("other")),
]
DATA_FORMATS = [
    (value, value)
    for value in (
        "Database", "CSV", "XML", "Image", "Video", "Audio", "Text", "JSON", "HTML", "DOC/DOCX",
        "XLS/XLSX", "PDF", "RDF", "NoSQL", "Arc/Info Coverage", "Shapefile", "GeoTiff", "GML",
    )
] + [("ไม่ทราบ", _("unknown")), ("อื่นๆ", _("other"))]  # fmt: skip
DATA_CATEGORIES = [
    ("ข้อมูลสาธารณะ", _("public data")),
    ("ข้อมูลใช้ภายใน", _("internal data")),
    ("ข้อมูลส่วนบุคคล", _("personal data")),
    ("ข้อมูลความมั่นคง", _("security data")),
    ("ข้อมูลความลับทางราชการ", _("official secret")),
]
PUBLIC_CATEGORY = "ข้อมูลสาธารณะ"
PERSONAL_CATEGORY = "ข้อมูลส่วนบุคคล"
# CKAN license id -> title (the portal's ids; "อื่นๆ" is "other")
LICENSES = [
    ("Open Data Common", "Open Data Common"),
    ("CC-BY", "Creative Commons Attribution"),
    ("CC-BY-NC", "Creative Commons Attribution-NonCommercial"),
    ("CC-BY-SA", "Creative Commons Attribution-ShareAlike"),
    ("CC-BY-NC-SA", "Creative Commons Attribution-NonCommercial-ShareAlike"),
    ("CC-BY-NC-ND", "Creative Commons Attribution-NonCommercial-NoDerivs"),
    ("CC-BY-ND", "Creative Commons Attribution-NoDerivs"),
    ("อื่นๆ", _("other")),
]
CLASSIFICATIONS = [
    ("เปิดเผย", _("open")),
    ("ชั้นเผยแพร่ภายในองค์กร", _("internal circulation")),
    ("ลับ", _("confidential")),
    ("ลับมาก", _("secret")),
    ("ลับที่สุด", _("top secret")),
]
OPEN_CLASSIFICATION = "เปิดเผย"
LANGUAGES = [("ไทย", _("Thai")), ("อังกฤษ", _("English")), ("จีน", _("Chinese")), ("อื่นๆ", _("other"))]


def values(choices) -> list[str]:
    return [value for value, _label in choices]


def label(choices, value: str) -> str:
    return str(dict(choices).get(value, value))
