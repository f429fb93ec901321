"""The demo department's data catalogue: the kind of data the Department of Health Service
Support keeps (licensing of private health facilities and health businesses, village health
volunteers, medical engineering, complaints, health service standards), one row per dataset.
data_catalogue.py walks this table through the catalogue's services.

`story` is what happens to the dataset:
- published: created, proposed, approved (then its life-cycle stage set to "share");
- proposed: created and proposed, waiting for the data governance working group;
- returned: proposed and returned with `comment`;
- withdrawn: published, then withdrawn with `comment`;
- draft: complete but not proposed yet; incomplete: a draft with the `missing` fields empty;
- internal / personal: complete, kept inside (never proposed); archived: internal and archived.
`ago` gives the days before today of each step: created, then proposed, reviewed, withdrawn.
`files` are generated CSV files stored with the dataset: (file name, resource name, rows, value
columns with their ranges); `links` are (resource name, address, format)."""

from dataclasses import dataclass

PUBLIC, INTERNAL, PERSONAL = "ข้อมูลสาธารณะ", "ข้อมูลใช้ภายใน", "ข้อมูลส่วนบุคคล"
STATISTICS, RECORDS, GEO = "ข้อมูลสถิติ", "ข้อมูลระเบียน", "ข้อมูลภูมิสารสนเทศเชิงพื้นที่"
MISSION, SERVICE, LAW = "พันธกิจหน่วยงาน", "เพื่อการให้บริการประชาชน", "กฎหมายที่เกี่ยวข้อง"
NHSO = "สำนักงานหลักประกันสุขภาพแห่งชาติ"
DOPA = "กรมการปกครอง"
OPS = "สำนักงานปลัดกระทรวงสาธารณสุข"
CGD = "กรมบัญชีกลาง"
NSO = "สำนักงานสถิติแห่งชาติ"
DTAM = "กรมการแพทย์แผนไทยและการแพทย์ทางเลือก"
HA = "สถาบันรับรองคุณภาพสถานพยาบาล (องค์การมหาชน)"
TAT = "การท่องเที่ยวแห่งประเทศไทย"
SITE = "https://www.hss.moph.go.th"

Column = tuple[str, int, int]  # header, lowest and highest value
CsvFile = tuple[str, str, str, tuple[Column, ...]]  # file name, resource name, rows, columns


@dataclass(frozen=True)
class Entry:
    name: str
    unit: str
    title: str
    notes: str
    tags: tuple[str, ...]
    story: str
    ago: tuple[int, ...]
    source: str
    data_type: str = STATISTICS
    objectives: tuple[str, ...] = (MISSION,)
    frequency: str = "ปี"
    geo: str = "จังหวัด"
    formats: tuple[str, ...] = ("CSV",)
    category: str = PUBLIC
    license: str = "Open Data Common"
    key: bool = False
    shared_with: tuple[str, ...] = ()
    share_conditions: str = ""
    unit_of_measure: str = ""
    files: tuple[CsvFile, ...] = ()
    links: tuple[tuple[str, str, str], ...] = ()
    popularity: int = 6  # page visitors on an ordinary weekday, once published
    comment: str = ""
    missing: tuple[str, ...] = ()
    responsible: str = ""  # username; default: the unit's member or coordinator


DATASETS = [
    # กองสถานพยาบาลและการประกอบโรคศิลปะ: licensing of private health facilities
    Entry(
        "private-hospitals-by-province", "HFA",
        "สถานพยาบาลเอกชนที่ได้รับอนุญาต จำแนกรายจังหวัด",
        "จำนวนสถานพยาบาลเอกชนที่ได้รับอนุญาตให้ประกอบกิจการตามพระราชบัญญัติสถานพยาบาล พ.ศ. 2541 "
        "จำแนกตามประเภท (โรงพยาบาลเอกชน คลินิก) และจังหวัดที่ตั้ง ณ สิ้นปีงบประมาณ",
        ("สถานพยาบาลเอกชน", "ใบอนุญาต", "โรงพยาบาลเอกชน", "คลินิก", "จังหวัด"),
        "published", (410, 400, 396), "ระบบอนุญาตสถานพยาบาลออนไลน์ กองสถานพยาบาลและการประกอบโรคศิลปะ",
        objectives=(MISSION, LAW, SERVICE), key=True, shared_with=(NHSO, OPS),
        share_conditions="แลกเปลี่ยนผ่านบริการ API ตามบันทึกข้อตกลงความร่วมมือ ปีละครั้ง",
        unit_of_measure="แห่ง", popularity=24,
        files=(("private-facilities-by-province.csv", "จำนวนสถานพยาบาลเอกชน รายจังหวัด (CSV)",
                "provinces", (("โรงพยาบาลเอกชน", 0, 12), ("คลินิกเวชกรรม", 40, 420),
                              ("คลินิกทันตกรรม", 10, 160), ("คลินิกการพยาบาลและการผดุงครรภ์", 5, 90))),),
        links=(("ค้นหาสถานพยาบาลเอกชน", f"{SITE}/search/facility", "HTML"),),
    ),
    Entry(
        "private-hospital-beds", "HFA",
        "จำนวนเตียงของโรงพยาบาลเอกชน จำแนกตามจังหวัด",
        "จำนวนเตียงผู้ป่วยในของโรงพยาบาลเอกชนที่ได้รับอนุญาต จำแนกตามจังหวัด ใช้ประกอบการวางแผน"
        "ระบบบริการสุขภาพและการรับมือภาวะฉุกเฉิน",
        ("โรงพยาบาลเอกชน", "เตียง", "จังหวัด"),
        "published", (380, 370, 365), "ระบบอนุญาตสถานพยาบาลออนไลน์ กองสถานพยาบาลและการประกอบโรคศิลปะ",
        objectives=(MISSION, "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"), shared_with=(OPS,),
        share_conditions="ส่งให้ศูนย์ปฏิบัติการภาวะฉุกเฉินเมื่อร้องขอ", unit_of_measure="เตียง",
        popularity=11,
        files=(("private-hospital-beds.csv", "จำนวนเตียงโรงพยาบาลเอกชน (CSV)", "provinces",
                (("จำนวนโรงพยาบาล", 0, 12), ("จำนวนเตียง", 0, 1500))),),
    ),
    Entry(
        "private-clinics-register", "HFA",
        "ทะเบียนคลินิกเอกชนที่ได้รับอนุญาต",
        "รายชื่อคลินิกเอกชนที่ได้รับอนุญาต ได้แก่ ชื่อสถานพยาบาล ประเภทคลินิก เลขที่ใบอนุญาต "
        "วันที่ใบอนุญาตสิ้นอายุ และที่ตั้ง เพื่อให้ประชาชนตรวจสอบก่อนใช้บริการ",
        ("คลินิก", "ใบอนุญาต", "ทะเบียน", "คุ้มครองผู้บริโภค"),
        "published", (350, 345, 340), "ระบบอนุญาตสถานพยาบาลออนไลน์ กองสถานพยาบาลและการประกอบโรคศิลปะ",
        data_type=RECORDS, objectives=(SERVICE, LAW), frequency="เดือน", formats=("JSON", "CSV"),
        key=True, shared_with=(NHSO,), share_conditions="เฉพาะเลขที่ใบอนุญาตและสถานะ ผ่านบริการ API",
        popularity=31,
        links=(("บริการ API ตรวจสอบใบอนุญาตคลินิก", f"{SITE}/api/clinics", "JSON"),
               ("ทะเบียนคลินิกเอกชน (ดาวน์โหลด)", f"{SITE}/download/clinics.csv", "CSV")),
    ),
    Entry(
        "facility-license-requests", "HFA",
        "สถิติคำขออนุญาตประกอบกิจการสถานพยาบาลผ่านระบบออนไลน์",
        "จำนวนคำขออนุญาตประกอบกิจการและดำเนินการสถานพยาบาลที่ยื่นผ่านระบบออนไลน์ รายเดือน "
        "จำแนกตามผลการพิจารณา ใช้ติดตามระยะเวลาการให้บริการตามพระราชบัญญัติการอำนวยความสะดวก",
        ("คำขออนุญาต", "บริการออนไลน์", "สถานพยาบาล"),
        "proposed", (60, 6), "ระบบอนุญาตสถานพยาบาลออนไลน์ กองสถานพยาบาลและการประกอบโรคศิลปะ",
        objectives=(SERVICE, "นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี"), frequency="เดือน", geo="ประเทศ",
        unit_of_measure="คำขอ",
        files=(("license-requests-monthly.csv", "คำขออนุญาตรายเดือน (CSV)", "months",
                (("คำขอที่ยื่น", 180, 420), ("อนุญาต", 150, 380), ("ไม่อนุญาต", 0, 12))),),
    ),
    Entry(
        "healing-arts-practitioners", "HFA",
        "ทะเบียนผู้ประกอบโรคศิลปะ",
        "ข้อมูลรายบุคคลของผู้ได้รับใบอนุญาตเป็นผู้ประกอบโรคศิลปะ ได้แก่ ชื่อ เลขประจำตัวประชาชน "
        "สาขา เลขที่ใบอนุญาต และสถานที่ปฏิบัติงาน ใช้ตรวจสอบคุณสมบัติผู้ดำเนินการสถานพยาบาล",
        ("ผู้ประกอบโรคศิลปะ", "ใบอนุญาต", "ทะเบียน"),
        "personal", (300,), "ระบบทะเบียนผู้ประกอบโรคศิลปะ กองสถานพยาบาลและการประกอบโรคศิลปะ",
        data_type=RECORDS, objectives=(LAW,), frequency="วันทำการ", geo="ประเทศ",
        formats=("Database",), category=PERSONAL, license="อื่นๆ", shared_with=(DTAM,),
        share_conditions="เฉพาะการตรวจสอบสถานะใบอนุญาตตามคำขอเป็นหนังสือ ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล",
    ),
    Entry(
        "private-facility-registry-2558-2563", "HFA",
        "ทะเบียนสถานพยาบาลเอกชน ระบบเดิม (พ.ศ. 2558-2563)",
        "ทะเบียนสถานพยาบาลเอกชนจากระบบงานเดิมก่อนเปิดระบบอนุญาตออนไลน์ เก็บไว้เพื่ออ้างอิงประวัติใบอนุญาต",
        ("สถานพยาบาลเอกชน", "ทะเบียน", "ข้อมูลย้อนหลัง"),
        "archived", (420,), "ระบบทะเบียนสถานพยาบาลเดิม กองสถานพยาบาลและการประกอบโรคศิลปะ",
        data_type=RECORDS, frequency="ไม่มีการปรับปรุงหลังจากการจัดเก็บข้อมูล",
        formats=("Database", "XLS/XLSX"), category=INTERNAL, license="อื่นๆ",
    ),
    # กองส่งเสริมธุรกิจบริการสุขภาพ: health businesses
    Entry(
        "health-business-establishments", "HBP",
        "สถานประกอบการเพื่อสุขภาพที่ได้รับอนุญาต",
        "จำนวนสถานประกอบการเพื่อสุขภาพที่ได้รับอนุญาตตามพระราชบัญญัติสถานประกอบการเพื่อสุขภาพ "
        "พ.ศ. 2559 จำแนกตามประเภทกิจการ (สปา นวดเพื่อสุขภาพ นวดเพื่อเสริมสวย) และจังหวัด",
        ("สถานประกอบการเพื่อสุขภาพ", "สปา", "นวดเพื่อสุขภาพ", "ใบอนุญาต"),
        "published", (330, 322, 318), "ระบบอนุญาตสถานประกอบการเพื่อสุขภาพ กองส่งเสริมธุรกิจบริการสุขภาพ",
        objectives=(MISSION, LAW, SERVICE), key=True, shared_with=(TAT,),
        share_conditions="ใช้ประกอบการส่งเสริมการท่องเที่ยวเชิงสุขภาพ", unit_of_measure="แห่ง",
        popularity=18,
        files=(("health-establishments-by-province.csv", "สถานประกอบการเพื่อสุขภาพ รายจังหวัด (CSV)",
                "provinces", (("กิจการสปา", 0, 90), ("กิจการนวดเพื่อสุขภาพ", 10, 400),
                              ("กิจการนวดเพื่อเสริมสวย", 0, 120))),),
    ),
    Entry(
        "thai-world-class-spa", "HBP",
        "สถานประกอบการสปาที่ได้รับตราสัญลักษณ์ Thai World Class Spa",
        "รายชื่อสถานประกอบการสปาที่ผ่านการรับรองมาตรฐาน Thai World Class Spa พร้อมจังหวัดและปีที่ได้รับรอง",
        ("สปา", "มาตรฐาน", "ท่องเที่ยวเชิงสุขภาพ"),
        "published", (260, 250, 247), "กองส่งเสริมธุรกิจบริการสุขภาพ",
        data_type=RECORDS, objectives=(SERVICE, "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"), geo="ประเทศ",
        formats=("CSV", "PDF"), license="CC-BY", popularity=9,
        links=(("ประกาศรายชื่อสถานประกอบการที่ได้รับตราสัญลักษณ์", f"{SITE}/spa/world-class.pdf", "PDF"),),
    ),
    Entry(
        "health-business-staff", "HBP",
        "ทะเบียนผู้ให้บริการในสถานประกอบการเพื่อสุขภาพ",
        "ข้อมูลรายบุคคลของผู้ให้บริการที่ขึ้นทะเบียน ได้แก่ ชื่อ เลขประจำตัวประชาชน หลักสูตรที่ผ่าน "
        "และสถานประกอบการที่ปฏิบัติงาน",
        ("ผู้ให้บริการ", "นวดเพื่อสุขภาพ", "ทะเบียน"),
        "personal", (240,), "ระบบอนุญาตสถานประกอบการเพื่อสุขภาพ กองส่งเสริมธุรกิจบริการสุขภาพ",
        data_type=RECORDS, objectives=(LAW,), frequency="วันทำการ", geo="ประเทศ",
        formats=("Database",), category=PERSONAL, license="อื่นๆ",
    ),
    Entry(
        "health-business-revenue", "HBP",
        "มูลค่าธุรกิจบริการสุขภาพ",
        "", ("ธุรกิจบริการสุขภาพ", "เศรษฐกิจ"),
        "incomplete", (20,), "กองส่งเสริมธุรกิจบริการสุขภาพ",
        missing=("notes", "data_formats", "objectives"),
    ),
    # กองสนับสนุนสุขภาพภาคประชาชน: village health volunteers
    Entry(
        "village-health-volunteers-by-district", "PHC",
        "จำนวน อสม. รายอำเภอ",
        "จำนวนอาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) ที่ปฏิบัติงานอยู่ จำแนกตามจังหวัดและอำเภอ "
        "ข้อมูลจากระบบสารสนเทศงานสุขภาพภาคประชาชน ณ สิ้นปีงบประมาณ",
        ("อสม.", "อาสาสมัครสาธารณสุข", "อำเภอ", "สุขภาพภาคประชาชน"),
        "published", (300, 290, 285), "ระบบสารสนเทศงานสุขภาพภาคประชาชน (www.thaiphc.net)",
        objectives=(MISSION, "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"), geo="อำเภอ", formats=("CSV", "XLS/XLSX"),
        key=True, shared_with=(DOPA, NSO), share_conditions="เฉพาะจำนวนรวมระดับอำเภอ",
        unit_of_measure="คน", popularity=27,
        files=(("vhv-by-district.csv", "จำนวน อสม. รายอำเภอ เขตสุขภาพที่ 1 (CSV)", "districts",
                (("จำนวน อสม.", 300, 3200), ("หมู่บ้าน", 40, 260))),),
    ),
    Entry(
        "village-health-volunteers-register", "PHC",
        "ทะเบียน อสม. รายบุคคล",
        "ข้อมูลรายบุคคลของ อสม. ได้แก่ ชื่อ เลขประจำตัวประชาชน หมู่บ้านที่รับผิดชอบ วันที่ขึ้นทะเบียน "
        "และบัญชีรับค่าป่วยการ ใช้จ่ายค่าป่วยการและตรวจสอบสิทธิ",
        ("อสม.", "ทะเบียน", "ค่าป่วยการ"),
        "personal", (280,), "ระบบสารสนเทศงานสุขภาพภาคประชาชน (www.thaiphc.net)",
        data_type=RECORDS, objectives=(MISSION, LAW), frequency="เดือน", geo="หมู่บ้าน",
        formats=("Database",), category=PERSONAL, license="อื่นๆ", key=True, shared_with=(DOPA, CGD),
        share_conditions="ตรวจสอบสถานะบุคคลกับทะเบียนราษฎร และส่งข้อมูลจ่ายค่าป่วยการ ตามข้อตกลงการใช้ข้อมูล",
    ),
    Entry(
        "village-doctor-training", "PHC",
        "ผลการพัฒนา อสม. เป็นหมอประจำบ้าน",
        "จำนวน อสม. ที่ผ่านการอบรมหลักสูตรหมอประจำบ้าน จำแนกตามเขตสุขภาพและจังหวัด",
        ("อสม.", "หมอประจำบ้าน", "อบรม"),
        "published", (200, 190, 186), "กองสนับสนุนสุขภาพภาคประชาชน",
        objectives=("นโยบายรัฐบาล/ข้อสั่งการนายกรัฐมนตรี", MISSION), unit_of_measure="คน",
        popularity=8,
        files=(("village-doctors-by-province.csv", "อสม. หมอประจำบ้าน รายจังหวัด (CSV)", "provinces",
                (("เป้าหมาย", 100, 900), ("ผ่านการอบรม", 80, 880))),),
    ),
    Entry(
        "healthy-subdistricts", "PHC",
        "ผลการดำเนินงานตำบลจัดการสุขภาพ",
        "ตำบลที่ผ่านเกณฑ์ตำบลจัดการสุขภาพ จำแนกตามระดับการพัฒนาและจังหวัด",
        ("ตำบลจัดการสุขภาพ", "ชุมชน", "สุขภาพภาคประชาชน"),
        "proposed", (45, 3), "กองสนับสนุนสุขภาพภาคประชาชน",
        objectives=(MISSION,), geo="ตำบล", unit_of_measure="ตำบล",
        files=(("healthy-subdistricts.csv", "ตำบลจัดการสุขภาพ รายจังหวัด (CSV)", "provinces",
                (("ตำบลทั้งหมด", 20, 200), ("ผ่านเกณฑ์", 5, 150))),),
    ),
    # กองวิศวกรรมการแพทย์: medical equipment engineering
    Entry(
        "medical-equipment-maintenance", "MEN",
        "สถิติการบำรุงรักษาเครื่องมือแพทย์",
        "จำนวนเครื่องมือแพทย์ในหน่วยบริการสังกัดกระทรวงสาธารณสุขที่ได้รับการบำรุงรักษาเชิงป้องกัน "
        "และการซ่อมแก้ไข จำแนกตามประเภทเครื่องมือ รายไตรมาส",
        ("เครื่องมือแพทย์", "บำรุงรักษา", "วิศวกรรมการแพทย์"),
        "published", (320, 310, 306), "ระบบบริหารจัดการเครื่องมือแพทย์ กองวิศวกรรมการแพทย์",
        objectives=(MISSION,), frequency="ไตรมาส", geo="ประเทศ", key=True, shared_with=(OPS,),
        share_conditions="รายงานรายไตรมาสต่อสำนักงานปลัดกระทรวงสาธารณสุข", unit_of_measure="เครื่อง",
        popularity=14,
        files=(("equipment-maintenance.csv", "การบำรุงรักษาเครื่องมือแพทย์ จำแนกตามประเภท (CSV)",
                "equipment", (("จำนวนเครื่อง", 300, 9000), ("บำรุงรักษาเชิงป้องกัน", 200, 8000),
                              ("ซ่อมแก้ไข", 10, 900))),),
    ),
    Entry(
        "medical-equipment-calibration", "MEN",
        "ผลการสอบเทียบเครื่องมือแพทย์",
        "จำนวนเครื่องมือแพทย์ที่ได้รับการสอบเทียบและผลการสอบเทียบ (ผ่าน ไม่ผ่าน) จำแนกตามประเภทเครื่องมือ",
        ("เครื่องมือแพทย์", "สอบเทียบ", "มาตรฐาน"),
        "published", (280, 275, 270), "ห้องปฏิบัติการสอบเทียบ กองวิศวกรรมการแพทย์",
        objectives=(MISSION,), geo="ประเทศ", license="CC-BY", unit_of_measure="เครื่อง", popularity=7,
        files=(("equipment-calibration.csv", "ผลการสอบเทียบ จำแนกตามประเภท (CSV)", "equipment",
                (("สอบเทียบ", 100, 5000), ("ผ่าน", 90, 4900), ("ไม่ผ่าน", 0, 60))),),
    ),
    Entry(
        "hospital-engineering-safety", "MEN",
        "ผลการตรวจประเมินระบบวิศวกรรมความปลอดภัยในโรงพยาบาล",
        "ผลการตรวจประเมินระบบไฟฟ้า ระบบก๊าซทางการแพทย์ ระบบปรับอากาศ และระบบป้องกันอัคคีภัย "
        "ของโรงพยาบาลสังกัดกระทรวงสาธารณสุข รายโรงพยาบาล",
        ("ระบบวิศวกรรม", "ความปลอดภัย", "โรงพยาบาล"),
        "internal", (150,), "กองวิศวกรรมการแพทย์",
        data_type=RECORDS, objectives=(MISSION,), geo="ประเทศ", formats=("XLS/XLSX",),
        category=INTERNAL, license="อื่นๆ", shared_with=(OPS,),
        share_conditions="ส่งผลการประเมินให้ผู้บริหารเขตสุขภาพ",
    ),
    Entry(
        "medical-equipment-inventory", "MEN",
        "ทะเบียนครุภัณฑ์เครื่องมือแพทย์ของหน่วยบริการ",
        "รายการครุภัณฑ์เครื่องมือแพทย์ของหน่วยบริการสังกัดกระทรวงสาธารณสุข จำแนกตามประเภท ยี่ห้อ และอายุการใช้งาน",
        ("เครื่องมือแพทย์", "ครุภัณฑ์", "ทะเบียน"),
        "withdrawn", (240, 230, 226, 30), "ระบบบริหารจัดการเครื่องมือแพทย์ กองวิศวกรรมการแพทย์",
        data_type=RECORDS, objectives=(MISSION,), geo="ประเทศ", popularity=5,
        comment="พบรายการครุภัณฑ์ซ้ำและเลขครุภัณฑ์ไม่ตรงกับระบบพัสดุ ถอนการเผยแพร่ระหว่างตรวจสอบ",
        files=(("equipment-inventory.csv", "ครุภัณฑ์เครื่องมือแพทย์ จำแนกตามประเภท (CSV)", "equipment",
                (("จำนวน", 300, 9000), ("อายุเกิน 10 ปี", 20, 2000))),),
    ),
    # กองแบบแผน, กองสุขศึกษา, กองกฎหมาย, กองบริหารการคลัง, กลุ่มเทคโนโลยีสารสนเทศ
    Entry(
        "standard-building-designs", "DES",
        "แบบมาตรฐานอาคารสถานบริการสุขภาพ",
        "แบบแปลนมาตรฐานอาคารโรงพยาบาลและหน่วยบริการปฐมภูมิ พร้อมรายการประกอบแบบ สำหรับหน่วยงานที่ก่อสร้างอาคาร",
        ("แบบแปลน", "อาคาร", "สถานบริการสุขภาพ"),
        "published", (360, 352, 349), "กองแบบแผน",
        data_type="ข้อมูลหลากหลายประเภท", objectives=(SERVICE,), frequency="ไม่ทราบ", geo="ประเทศ",
        formats=("PDF", "อื่นๆ"), license="CC-BY-ND", popularity=16,
        links=(("แบบมาตรฐานอาคาร (ดาวน์โหลด)", f"{SITE}/design/standard-plans", "PDF"),),
    ),
    Entry(
        "health-literacy-survey", "HED",
        "ผลการสำรวจความรอบรู้ด้านสุขภาพของประชาชน",
        "ร้อยละของประชาชนอายุ 15 ปีขึ้นไปที่มีความรอบรู้ด้านสุขภาพในระดับเพียงพอ จำแนกตามจังหวัด",
        ("ความรอบรู้ด้านสุขภาพ", "สุขศึกษา", "สำรวจ"),
        "proposed", (35, 9), "การสำรวจความรอบรู้ด้านสุขภาพ กองสุขศึกษา",
        objectives=("ยุทธศาสตร์ชาติ", MISSION), unit_of_measure="ร้อยละ",
        files=(("health-literacy.csv", "ความรอบรู้ด้านสุขภาพ รายจังหวัด (CSV)", "provinces",
                (("กลุ่มตัวอย่าง", 300, 900), ("ร้อยละที่เพียงพอ", 55, 88))),),
    ),
    Entry(
        "facility-law-enforcement", "LAW",
        "สถิติการดำเนินคดีสถานพยาบาลที่ฝ่าฝืนกฎหมาย",
        "จำนวนคดีและการเปรียบเทียบปรับสถานพยาบาลและสถานประกอบการเพื่อสุขภาพที่ฝ่าฝืนกฎหมาย จำแนกตามฐานความผิด",
        ("คดี", "กฎหมาย", "สถานพยาบาล"),
        "internal", (170,), "กองกฎหมาย",
        objectives=(LAW,), geo="ประเทศ", formats=("XLS/XLSX",), category=INTERNAL, license="อื่นๆ",
    ),
    Entry(
        "budget-disbursement", "FIN",
        "ผลการเบิกจ่ายงบประมาณ จำแนกตามผลผลิตและโครงการ",
        "ผลการเบิกจ่ายงบประมาณรายจ่ายประจำปีของกรม รายเดือน เทียบกับเป้าหมายการเบิกจ่าย",
        ("งบประมาณ", "เบิกจ่าย"),
        "internal", (100,), "ระบบบริหารการเงินการคลังภาครัฐ (GFMIS)",
        objectives=("พันธกิจหน่วยงาน",), frequency="เดือน", geo="ประเทศ", formats=("XLS/XLSX",),
        category=INTERNAL, license="อื่นๆ", key=True,
    ),
    Entry(
        "digital-service-usage", "IT",
        "สถิติการใช้บริการดิจิทัลของกรม",
        "จำนวนผู้ใช้และธุรกรรมของบริการออนไลน์ของกรมรายเดือน",
        ("บริการดิจิทัล", "สถิติการใช้งาน"),
        "incomplete", (12,), "กลุ่มเทคโนโลยีสารสนเทศ",
        frequency="เดือน", geo="ประเทศ", missing=("data_formats", "license_id", "tags"),
        responsible="coord-it",
    ),
    # สำนักงานเลขานุการกรม: complaints
    Entry(
        "health-service-complaints", "SEC-ADM",
        "เรื่องร้องเรียนเกี่ยวกับบริการสุขภาพ",
        "จำนวนเรื่องร้องเรียนเกี่ยวกับสถานพยาบาลเอกชนและสถานประกอบการเพื่อสุขภาพที่กรมได้รับ รายเดือน "
        "จำแนกตามผลการดำเนินการ (ยุติ อยู่ระหว่างดำเนินการ ส่งต่อหน่วยงานอื่น)",
        ("เรื่องร้องเรียน", "คุ้มครองผู้บริโภค", "บริการสุขภาพ"),
        "published", (250, 240, 236), "ศูนย์จัดการเรื่องร้องเรียน สำนักงานเลขานุการกรม",
        objectives=(SERVICE, MISSION), frequency="เดือน", geo="ประเทศ", key=True,
        unit_of_measure="เรื่อง", popularity=20,
        files=(("complaints-monthly.csv", "เรื่องร้องเรียนรายเดือน (CSV)", "months",
                (("รับเรื่อง", 40, 140), ("ยุติแล้ว", 30, 120), ("อยู่ระหว่างดำเนินการ", 2, 30))),
               ("complaints-by-type.csv", "เรื่องร้องเรียน จำแนกตามประเภท (CSV)", "complaints",
                (("จำนวนเรื่อง", 10, 400),))),
    ),
    Entry(
        "complaint-cases", "SEC-ADM",
        "ทะเบียนเรื่องร้องเรียนและข้อมูลผู้ร้องเรียน",
        "ข้อมูลรายเรื่องของเรื่องร้องเรียน ได้แก่ ชื่อและช่องทางติดต่อผู้ร้องเรียน สถานพยาบาลที่ถูกร้องเรียน "
        "ข้อเท็จจริง และผลการดำเนินการ",
        ("เรื่องร้องเรียน", "ทะเบียน"),
        "personal", (220,), "ศูนย์จัดการเรื่องร้องเรียน สำนักงานเลขานุการกรม",
        data_type=RECORDS, objectives=(SERVICE,), frequency="วันทำการ", geo="ประเทศ",
        formats=("Database",), category=PERSONAL, license="อื่นๆ",
    ),
    # ศูนย์สนับสนุนบริการสุขภาพ: health service standards in the regions
    Entry(
        "r1-hospital-standards", "R1-STD",
        "ผลการรับรองมาตรฐานโรงพยาบาล เขตสุขภาพที่ 1",
        "ผลการตรวจประเมินและรับรองมาตรฐานระบบบริการสุขภาพของโรงพยาบาลในเขตสุขภาพที่ 1 "
        "จำแนกตามจังหวัดและระดับการรับรอง",
        ("มาตรฐานโรงพยาบาล", "รับรองคุณภาพ", "เขตสุขภาพที่ 1"),
        "published", (210, 200, 195), "กลุ่มงานมาตรฐานระบบบริการสุขภาพ ศูนย์สนับสนุนบริการสุขภาพที่ 1",
        objectives=(MISSION,), geo="ภาค", key=True, shared_with=(HA,),
        share_conditions="แลกเปลี่ยนผลการรับรองเพื่อวางแผนการเยี่ยมสำรวจ", unit_of_measure="แห่ง",
        popularity=10,
        files=(("r1-hospital-standards.csv", "ผลการรับรองมาตรฐาน เขตสุขภาพที่ 1 (CSV)", "region1",
                (("โรงพยาบาลทั้งหมด", 5, 25), ("ผ่านการรับรอง", 3, 22))),),
    ),
    Entry(
        "r1-equipment-calibration", "R1",
        "ผลการสอบเทียบเครื่องมือแพทย์ในพื้นที่ ศูนย์สนับสนุนบริการสุขภาพที่ 1",
        "จำนวนเครื่องมือแพทย์ของหน่วยบริการในเขตสุขภาพที่ 1 ที่ศูนย์ฯ สอบเทียบ จำแนกตามจังหวัด",
        ("เครื่องมือแพทย์", "สอบเทียบ", "เขตสุขภาพที่ 1"),
        "proposed", (40, 2), "ศูนย์สนับสนุนบริการสุขภาพที่ 1",
        objectives=(MISSION,), geo="ภาค", frequency="ไตรมาส", unit_of_measure="เครื่อง",
        responsible="coord-r1",
        files=(("r1-calibration.csv", "การสอบเทียบรายจังหวัด เขตสุขภาพที่ 1 (CSV)", "region1",
                (("สอบเทียบ", 200, 2400), ("ไม่ผ่าน", 0, 40))),),
    ),
    Entry(
        "r2-private-facility-locations", "R2",
        "ตำแหน่งที่ตั้งสถานพยาบาลเอกชน เขตสุขภาพที่ 2",
        "พิกัดที่ตั้งสถานพยาบาลเอกชนในเขตสุขภาพที่ 2 (ตาก พิษณุโลก เพชรบูรณ์ สุโขทัย อุตรดิตถ์) "
        "สำหรับแผนที่บริการสุขภาพ",
        ("แผนที่", "พิกัด", "สถานพยาบาลเอกชน", "เขตสุขภาพที่ 2"),
        "returned", (50, 15, 8), "ศูนย์สนับสนุนบริการสุขภาพที่ 2",
        data_type=GEO, objectives=(SERVICE,), geo="พิกัด", formats=("Shapefile", "CSV"),
        comment="ขอให้ระบุระบบพิกัดอ้างอิง (WGS84) และตัดชื่อผู้ดำเนินการสถานพยาบาลออกก่อนเผยแพร่",
        links=(("ชั้นข้อมูลสถานพยาบาลเอกชน (Shapefile)", f"{SITE}/gis/r2-facilities.zip", "SHP"),),
    ),
    Entry(
        "r2-star-health-centres", "R2",
        "ผลการประเมินโรงพยาบาลส่งเสริมสุขภาพตำบลติดดาว เขตสุขภาพที่ 2",
        "จำนวนโรงพยาบาลส่งเสริมสุขภาพตำบลที่ผ่านเกณฑ์ รพ.สต. ติดดาว จำแนกตามจังหวัดและระดับดาว",
        ("รพ.สต. ติดดาว", "มาตรฐานบริการ", "เขตสุขภาพที่ 2"),
        "published", (190, 182, 178), "ศูนย์สนับสนุนบริการสุขภาพที่ 2",
        objectives=(MISSION, SERVICE), geo="ภาค", unit_of_measure="แห่ง", popularity=6,
        files=(("r2-star-health-centres.csv", "รพ.สต. ติดดาว เขตสุขภาพที่ 2 (CSV)", "region2",
                (("รพ.สต. ทั้งหมด", 80, 260), ("ผ่านเกณฑ์ 5 ดาว", 20, 200))),),
    ),
    Entry(
        "r1-health-business-inspections", "R1",
        "ผลการตรวจสถานประกอบการเพื่อสุขภาพ เขตสุขภาพที่ 1",
        "จำนวนสถานประกอบการเพื่อสุขภาพที่ศูนย์ฯ ตรวจติดตามมาตรฐาน จำแนกตามจังหวัดและผลการตรวจ",
        ("สถานประกอบการเพื่อสุขภาพ", "ตรวจมาตรฐาน", "เขตสุขภาพที่ 1"),
        "draft", (25,), "ศูนย์สนับสนุนบริการสุขภาพที่ 1",
        objectives=(MISSION,), geo="ภาค", unit_of_measure="แห่ง",
        files=(("r1-inspections.csv", "ผลการตรวจรายจังหวัด (CSV)", "region1",
                (("ตรวจ", 10, 300), ("ผ่าน", 8, 280))),),
    ),
    Entry(
        "r3-private-clinic-inspections", "R3",
        "ผลการตรวจมาตรฐานคลินิกเอกชน เขตสุขภาพที่ 3",
        "", ("คลินิก", "ตรวจมาตรฐาน"),
        "incomplete", (9,), "ศูนย์สนับสนุนบริการสุขภาพที่ 3",
        geo="ภาค", missing=("notes", "data_source", "maintainer_email"),
    ),
]  # fmt: skip
