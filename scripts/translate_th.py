"""Fill locale/th from the Thai glossary below, then compile.

Run after `digiorg makemessages -l th -l en`:  uv run --with polib python scripts/translate_th.py
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "digiorg" / "locale"

TH = {
    "Personal info": "ข้อมูลส่วนตัว",
    "Permissions": "สิทธิ์",
    "Important dates": "วันที่สำคัญ",
    "Accounts": "บัญชีผู้ใช้",
    "name": "ชื่อ-นามสกุล",
    "preferred language": "ภาษาที่ใช้",
    "user": "ผู้ใช้",
    "users": "ผู้ใช้",
    "Please enter a correct %(username)s and password. Note that both fields may be "
    "case-sensitive.": "กรุณากรอก%(username)sและรหัสผ่านให้ถูกต้อง (ตัวพิมพ์ใหญ่และตัวพิมพ์เล็กถือว่าต่างกัน)",
    "This account is inactive.": "บัญชีนี้ถูกระงับการใช้งาน",
    "Frameworks": "กรอบการประเมิน",
    "title": "ชื่อเรื่อง",
    "text": "ข้อความ",
    "guidance": "คำอธิบายแนวทาง",
    "label": "ชื่อที่แสดง",
    "evidence hint": "คำแนะนำหลักฐาน",
    "description": "คำอธิบาย",
    "provider": "หน่วยงานเจ้าของ",
    "source": "ที่มา",
    "unknown key “%(key)s”": "ไม่รู้จักคีย์ “%(key)s”",
    "missing %(field)s (Thai and English)": "ไม่มี%(field)s (ต้องมีทั้งภาษาไทยและภาษาอังกฤษ)",
    "%(field)s must have th and en texts": "%(field)s ต้องมีข้อความ th และ en",
    "Thai": "ภาษาไทย",
    "English": "ภาษาอังกฤษ",
    "missing %(language)s %(field)s (%(key)s.%(code)s)": "ไม่มี%(field)s%(language)s (%(key)s.%(code)s)",
    "references must be a list": "references ต้องเป็นรายการ",
    "must be a mapping with label and url": "ต้องมี label และ url",
    "url must start with http:// or https://": "url ต้องขึ้นต้นด้วย http:// หรือ https://",
    "node “%(ref)s”": "หัวข้อ “%(ref)s”",
    "at least one readiness level is required": "ต้องกำหนดระดับความพร้อมอย่างน้อยหนึ่งระดับ",
    "level %(n)s": "ระดับที่ %(n)s",
    "must be a mapping": "ต้องเป็นชุดคีย์และค่า",
    "code is missing or repeated": "ไม่มีรหัส หรือรหัสซ้ำ",
    "min must be a number from 0 to 100": "min ต้องเป็นตัวเลขตั้งแต่ 0 ถึง 100",
    "the first level must start at 0": "ระดับแรกต้องเริ่มที่ 0",
    "levels must be in ascending order of min": "ระดับต้องเรียงจาก min น้อยไปมาก",
    "criteria must be a list": "criteria ต้องเป็นรายการ",
    "each criterion must be a mapping": "เกณฑ์แต่ละข้อต้องเป็นชุดคีย์และค่า",
    "criterion “%(ref)s”": "เกณฑ์ “%(ref)s”",
    "ref must look like %(example)s": "รหัสอ้างอิงต้องมีรูปแบบเช่น %(example)s",
    "duplicate criterion ref": "รหัสอ้างอิงเกณฑ์ซ้ำ",
    "scope must be department or unit": "ขอบเขตต้องเป็น department (ระดับกรม) หรือ unit (ระดับหน่วยงาน)",
    "weight must be a positive number": "น้ำหนักต้องเป็นจำนวนบวก",
    "the framework has no nodes": "กรอบการประเมินไม่มีหัวข้อ",
    "each node must be a mapping": "หัวข้อแต่ละข้อต้องเป็นชุดคีย์และค่า",
    "ref is missing or not like 1, 1.2 or 4.1.3": "ไม่มีรหัสอ้างอิง หรือรูปแบบไม่ใช่ 1, 1.2 หรือ 4.1.3",
    "duplicate ref": "รหัสอ้างอิงซ้ำ",
    "kind must be dimension, topic or subtopic": "ประเภทต้องเป็น dimension, topic หรือ subtopic",
    "a dimension has no parent": "มิติต้องไม่มีหัวข้อแม่",
    "a %(kind)s needs a parent": "%(kind)s ต้องมีหัวข้อแม่",
    "parent “%(parent)s” is not defined before it": "ไม่พบหัวข้อแม่ “%(parent)s” ก่อนหน้าหัวข้อนี้",
    "the parent of a %(kind)s must be a %(parent_kind)s": "หัวข้อแม่ของ %(kind)s ต้องเป็น %(parent_kind)s",
    "criteria belong on the lowest level only": "เกณฑ์ต้องอยู่ที่หัวข้อระดับล่างสุดเท่านั้น",
    "the file must hold one framework (a mapping at the top level)": "ไฟล์ต้องมีกรอบการประเมินหนึ่งชุด (ชุดคีย์และค่าที่ระดับบนสุด)",
    "missing or not a URN (urn:...)": "ไม่มี หรือไม่ใช่ URN (urn:...)",
    "missing or not made of a-z, 0-9 and -": "ไม่มี หรือมีอักขระนอกเหนือจาก a-z, 0-9 และ -",
    "must be a whole number from 1": "ต้องเป็นจำนวนเต็มตั้งแต่ 1",
    "must be a Buddhist-era year such as 2568": "ต้องเป็นปีพุทธศักราช เช่น 2568",
    "cannot read the file (%(error)s)": "อ่านไฟล์ไม่ได้ (%(error)s)",
    " at line %(line)s": " ที่บรรทัด %(line)s",
    "not valid YAML%(line)s: %(problem)s": "รูปแบบ YAML ไม่ถูกต้อง%(line)s: %(problem)s",
    "fiscal year": "ปีงบประมาณ",
    "framework": "กรอบการประเมิน",
    "frameworks": "กรอบการประเมิน",
    "dimension": "มิติ",
    "topic": "หัวข้อ",
    "sub-topic": "หัวข้อย่อย",
    "department": "ระดับกรม",
    "unit": "ระดับหน่วยงาน",
    "“%(code)s” is already used by %(urn)s": "รหัส “%(code)s” ถูกใช้แล้วโดย %(urn)s",
    "version %(new)s cannot replace the loaded version %(old)s; raise the version": "ฉบับที่ %(new)s แทนฉบับที่ %(old)s ที่นำเข้าไว้แล้วไม่ได้ กรุณาเพิ่มหมายเลขฉบับ",
    "Skip to content": "ข้ามไปยังเนื้อหา",
    "Main menu": "เมนูหลัก",
    "Toggle navigation": "เปิด/ปิดเมนู",
    "Home": "หน้าหลัก",
    "API": "API",
    "Language": "ภาษา",
    "Log out": "ออกจากระบบ",
    "Fiscal year": "ปีงบประมาณ",
    "Digital organization": "องค์กรดิจิทัล",
    "Plan, track, prove and report the department's digital transformation along the national "
    "Digital Government Readiness framework.": "วางแผน ติดตาม แสดงหลักฐาน และรายงานการขับเคลื่อนองค์กรดิจิทัลของกรม ตามกรอบการประเมินความพร้อมรัฐบาลดิจิทัล",
    "No framework has been loaded yet.": "ยังไม่มีกรอบการประเมินในระบบ",
    "version": "ฉบับที่",
    "Readiness levels": "ระดับความพร้อม",
    "Level": "ระดับ",
    "score from": "คะแนนตั้งแต่",
    "Search by ref or text": "ค้นหาด้วยรหัสหัวข้อหรือข้อความ",
    "Search by ref (e.g. 4.4.2) or text": "ค้นหาด้วยรหัสหัวข้อ (เช่น 4.4.2) หรือข้อความ",
    "Search": "ค้นหา",
    "Department level": "ระดับกรม",
    "Every unit": "ทุกหน่วยงาน",
    "weight": "น้ำหนัก",
    "Evidence:": "หลักฐาน:",
    "Nothing matches “%(query)s”.": "ไม่พบหัวข้อหรือเกณฑ์ที่ตรงกับ “%(query)s”",
    "Framework": "กรอบการประเมิน",
    "Version": "ฉบับที่",
    "Topics": "หัวข้อ",
    "Criteria": "เกณฑ์",
    "Loaded": "นำเข้าเมื่อ",
    "Log in": "เข้าสู่ระบบ",
    "Log in to digiorg": "เข้าสู่ระบบ digiorg",
    "Username": "ชื่อผู้ใช้",
    "Password": "รหัสผ่าน",
    "No framework has been loaded yet. Load one with: digiorg load_framework FILE": "ยังไม่มีกรอบการประเมินในระบบ นำเข้าด้วยคำสั่ง digiorg load_framework ชื่อไฟล์",
}
TH_PLURAL = {
    "%(counter)s criterion": "%(counter)s เกณฑ์",
    "%(counter)s topic shown for “%(query)s”": "พบ %(counter)s หัวข้อสำหรับ “%(query)s”",
}


def main() -> None:
    po = polib.pofile(str(LOCALE / "th" / "LC_MESSAGES" / "django.po"))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            text = TH_PLURAL.get(entry.msgid)
            if text:
                entry.msgstr_plural = {0: text}
        else:
            text = TH.get(entry.msgid)
            if text:
                entry.msgstr = text
        if not text:
            missing.append(entry.msgid)
        elif "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "th"
    po.save()
    po.save_as_mofile(str(LOCALE / "th" / "LC_MESSAGES" / "django.mo"))
    en = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    en.save_as_mofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.mo"))
    if missing:
        raise SystemExit("no Thai for:\n" + "\n".join(missing))


if __name__ == "__main__":
    main()
