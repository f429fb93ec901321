"""The rows of the write matrix (tests/test_write_matrix.py): every state-changing page and API
operation, how to build its request for a target (own unit, other unit, other department), what
each role should get, and which tables an allowed write changes."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from digiorg.accounts.models import User
from digiorg.assessments.models import CriterionAssessment
from digiorg.cycles.models import Assignment, Cycle
from digiorg.evidence.models import Evidence
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action

from .assess_data import PDF
from .conftest import SEED_FILE
from .write_world import TARGETS, UNIT_OF, WriteWorld

ROLES = ["admin", "secretariat", "executive", "auditor", "coordinator", "member"]
WIDE = {"admin", "secretariat", "executive", "auditor"}
OK = "ok"


# --- expectations --------------------------------------------------------------------------


def seen(role: str, target: str) -> int | None:
    """404 for an object the role cannot see (the read matrix's rule), else None."""
    if target == "foreign" or (target == "other" and role not in WIDE):
        return 404
    return None


def on_object(*roles: str) -> Callable[[str, str], object]:
    """The URL names an object of the target: unseen is 404, seen but not allowed is 403."""
    return lambda role, target: seen(role, target) or (OK if role in roles else 403)


def on_cycle(*roles: str) -> Callable[[str, str], object]:
    """The URL names the target's cycle, which every role of the department sees."""
    return lambda role, target: 404 if target == "foreign" else (OK if role in roles else 403)


def only(*roles: str) -> Callable[[str, str], object]:
    return lambda role, target: OK if role in roles else 403


def in_body(refused: int, *, page_roles: set[str] | None = None, writers=("coordinator", "member")):
    """The target unit is named in the body: the unit's writers succeed on their own unit;
    roles that may not use the page at all get 403; the rest are refused by validation
    (`refused`: the form shown again with its error, or the API's 400)."""

    def expected(role, target):
        if page_roles is not None and role not in page_roles:
            return 403
        return OK if role in writers and target == "own" else refused

    return expected


def unit_create_page(role, target):
    return 403 if role != "admin" else (OK if target != "foreign" else 200)


def unit_create_api(role, target):
    return 400 if seen(role, target) else (OK if role == "admin" else 403)


def action_create_page(role, target):
    if target == "foreign":
        return 404  # ?cycle= names the other department's cycle
    return 403 if role in WIDE else (OK if target == "own" else 200)


def plan_import(role, target):
    if target == "foreign":
        return 404
    if role in ("executive", "auditor"):
        return 403
    return OK if role in ("admin", "secretariat") or target == "own" else 422


def answer_create_api(role, target):
    if seen(role, target):
        return 400  # "unknown cycle or unit"
    return OK if role in ("coordinator", "member") else 403


def not_offered(role, target) -> int:
    """The API changes objects with PATCH only: PUT is 405 for everyone."""
    return 405


def cycle_in_body(*roles: str):
    """The cycle is named in the body: another department's is unknown to the caller (400)."""
    return lambda role, target: 400 if target == "foreign" else (OK if role in roles else 403)


def put_in_body(*roles: str):
    """PUT sends the unit again: a seen object whose unit the role may not write is a 400."""
    return lambda role, target: seen(role, target) or (OK if role in roles else 400)


# --- requests ------------------------------------------------------------------------------


@dataclass
class Req:
    method: str  # "post" (a page's form), "api-post", "api-patch", "api-put"
    url: str
    data: dict


def version(model, pk: int) -> int:
    return model.objects.values_list("version", flat=True).get(pk=pk)


def action_url(name, key="draft"):
    return lambda w, t: reverse(name, args=[w[t].ids[key]])


def pdf(name="ฉบับใหม่.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def csv_file(text: str, name="import.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def assignment_of(w, t) -> int:
    return Assignment.objects.filter(cycle_id=w[t].cycle).values_list("pk", flat=True).first()


def assigned_unit(w, t) -> int:
    return Assignment.objects.filter(cycle_id=w[t].cycle).values_list("unit_id", flat=True).first()


def framework_file():
    """A framework file of its own URN and code (a new one in the library)."""
    text = SEED_FILE.read_text(encoding="utf-8")
    text = text.replace("digital-org-2568", "digital-org-2570").replace(
        'code: "dhss-do-2568"', 'code: "dhss-do-2570"'
    )
    return SimpleUploadedFile(
        "dhss-do-2570.yaml", text.encode("utf-8"), content_type="application/yaml"
    )


def unit_code(w, t):
    return UNIT_OF[t]


def action_fields(w, t):
    return {
        "title": "แผนใหม่", "start_date": "2024-11-01", "end_date": "2025-06-30", "budget": "1000",
        "budget_source": "government",
    }  # fmt: skip


@dataclass
class Write:
    name: str
    route: tuple  # ("page", "ns:name") or ("api", "url-name", "method")
    build: Callable[[WriteWorld, str], Req]
    expected: Callable[[str, str], object]
    changes: tuple[str, ...]  # models whose rows an allowed write changes
    targets: tuple[str, ...] = TARGETS


def p(w: WriteWorld, t: str) -> dict:
    """Short names for the target's objects."""
    return {"unit": w[t].unit, "cycle": w[t].cycle, **w[t].ids}


WRITES = [
    # --- units and people ---
    Write("unit create", ("page", "org:unit-create"),
          lambda w, t: Req("post", reverse("org:unit-create"), {
              "parent": w[t].unit, "kind": "group", "code": "NEW", "name_th": "กลุ่มใหม่"}),
          unit_create_page, ("org.OrgUnit",)),
    Write("unit edit", ("page", "org:unit-edit"),
          lambda w, t: Req("post", reverse("org:unit-edit", args=[w[t].unit]), {
              "parent": OrgUnit.objects.get(pk=w[t].unit).parent_id, "kind": "group",
              "code": UNIT_OF[t], "name_th": "ชื่อใหม่", "is_active": "on",
              "version": version(OrgUnit, w[t].unit)}),
          on_object("admin"), ("org.OrgUnit",)),
    Write("unit and people import", ("page", "org:import"),
          lambda w, t: Req("post", reverse("org:import"), {
              "what": "units",
              "file": csv_file("รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,รหัสหน่วยงานต้นสังกัด\nNEW,กลุ่มใหม่,group,R1\n")}),
          only("admin"), ("org.OrgUnit",), ("own",)),
    Write("person create", ("page", "people:create"),
          lambda w, t: Req("post", reverse("people:create"), {
              "username": "newcomer", "name": "คนใหม่", "preferred_language": "th", "is_active": "on"}),
          only("admin"), ("accounts.User",), ("own",)),
    Write("person edit", ("page", "people:edit"),
          lambda w, t: Req("post", reverse("people:edit", args=[w[t].person]), {
              "username": User.objects.get(pk=w[t].person).username, "name": "ชื่อใหม่",
              "preferred_language": "en", "is_active": "on", "version": version(User, w[t].person)}),
          on_object("admin"), ("accounts.User",)),
    Write("membership add", ("page", "people:membership-add"),
          lambda w, t: Req("post", reverse("people:membership-add", args=[w[t].person]), {
              "unit": w[t].unit, "role": "auditor"}),
          on_object("admin"), ("accounts.Membership",)),
    Write("membership remove", ("page", "people:membership-remove"),
          lambda w, t: Req("post", reverse("people:membership-remove", args=[w[t].person, w[t].membership]), {}),
          on_object("admin"), ("accounts.Membership",)),
    Write("api unit create", ("api", "unit-list", "post"),
          lambda w, t: Req("api-post", "/api/v1/units/", {
              "parent": w[t].unit, "kind": "group", "code": "NEW", "name_th": "กลุ่มใหม่"}),
          unit_create_api, ("org.OrgUnit",)),
    Write("api unit patch", ("api", "unit-detail", "patch"),
          lambda w, t: Req("api-patch", f"/api/v1/units/{w[t].unit}/", {
              "name_th": "ชื่อใหม่", "version": version(OrgUnit, w[t].unit)}),
          on_object("admin"), ("org.OrgUnit",)),
    Write("api unit put", ("api", "unit-detail", "put"),
          lambda w, t: Req("api-put", f"/api/v1/units/{w[t].unit}/", {
              "parent": OrgUnit.objects.get(pk=w[t].unit).parent_id, "kind": "group",
              "code": UNIT_OF[t], "name_th": "ชื่อใหม่", "name_en": "new", "is_active": True,
              "version": version(OrgUnit, w[t].unit)}),
          not_offered, ("org.OrgUnit",)),
    Write("api user create", ("api", "user-list", "post"),
          lambda w, t: Req("api-post", "/api/v1/users/", {"username": "newcomer", "name": "คนใหม่"}),
          only("admin"), ("accounts.User",), ("own",)),
    Write("api user patch", ("api", "user-detail", "patch"),
          lambda w, t: Req("api-patch", f"/api/v1/users/{w[t].person}/", {
              "name": "ชื่อใหม่", "version": version(User, w[t].person)}),
          on_object("admin"), ("accounts.User",)),
    Write("api user put", ("api", "user-detail", "put"),
          lambda w, t: Req("api-put", f"/api/v1/users/{w[t].person}/", {
              "username": User.objects.get(pk=w[t].person).username, "name": "ชื่อใหม่",
              "email": "", "preferred_language": "en", "is_active": True,
              "version": version(User, w[t].person)}),
          not_offered, ("accounts.User",)),
    Write("api user token revoke", ("api", "user-token", "delete"),
          lambda w, t: Req("api-delete", f"/api/v1/users/{w[t].person}/token/", {}),
          on_object("admin"), ("authtoken.Token",)),
    Write("user token revoke", ("page", "people:token-revoke"),
          lambda w, t: Req("post", reverse("people:token-revoke", args=[w[t].person]), {}),
          on_object("admin"), ("authtoken.Token",)),
    # --- reports (a large one is a background job; whoever may read the report may ask) ---
    Write("report job", ("page", "reports:report"),
          lambda w, t: Req("post", reverse("reports:report", args=[w[t].cycle, "pack"]), {
              "unit": w[t].unit}),
          lambda role, target: seen(role, target) or OK, ("reports.ReportJob",)),
    # --- cycles ---
    Write("cycle open", ("page", "cycles:open"),
          lambda w, t: Req("post", reverse("cycles:open"), {"fiscal_year": 2570, "framework": w.framework}),
          only("secretariat", "admin"), ("cycles.Cycle",), ("own",)),
    Write("cycle edit", ("page", "cycles:detail"),
          lambda w, t: Req("post", reverse("cycles:detail", args=[w[t].cycle]), {
              "status": "executing", "plan_due": "2024-11-15", "q1_due": "2025-01-15",
              "q2_due": "2025-04-15", "q3_due": "2025-07-15", "q4_due": "2025-10-15",
              "assessment_due": "2025-08-31", "version": version(Cycle, w[t].cycle)}),
          on_cycle("secretariat", "admin"), ("cycles.Cycle",), ("own", "foreign")),
    Write("cycle assign", ("page", "cycles:assign"),
          lambda w, t: Req("post", reverse("cycles:assign", args=[w[t].cycle]), {
              "topics": [Cycle.objects.get(pk=w[t].cycle).framework.nodes.get(ref="1.1").pk],
              "units": [w[t].unit], "kind": "answers"}),
          on_cycle("secretariat", "admin"), ("cycles.Assignment",)),
    Write("api cycle open", ("api", "cycle-list", "post"),
          lambda w, t: Req("api-post", "/api/v1/cycles/", {
              "fiscal_year": 2570, "framework": Cycle.objects.get(pk=w[t].cycle).framework.code}),
          only("secretariat", "admin"), ("cycles.Cycle",), ("own",)),
    Write("api cycle patch", ("api", "cycle-detail", "patch"),
          lambda w, t: Req("api-patch", f"/api/v1/cycles/{w[t].cycle}/", {
              "status": "executing", "version": version(Cycle, w[t].cycle)}),
          on_cycle("secretariat", "admin"), ("cycles.Cycle",), ("own", "foreign")),
    Write("api cycle put", ("api", "cycle-detail", "put"),
          lambda w, t: Req("api-put", f"/api/v1/cycles/{w[t].cycle}/", {
              "status": "executing", "plan_due": "2024-11-15", "q1_due": "2025-01-15",
              "q2_due": "2025-04-15", "q3_due": "2025-07-15", "q4_due": "2025-10-15",
              "assessment_due": "2025-08-31", "version": version(Cycle, w[t].cycle)}),
          not_offered, ("cycles.Cycle",), ("own", "foreign")),  # PATCH only
    Write("api assignment create", ("api", "assignment-list", "post"),
          lambda w, t: Req("api-post", "/api/v1/assignments/", {
              "cycle": w[t].cycle, "criterion": "1.1-1", "unit": w[t].unit, "kind": "answers"}),
          cycle_in_body("secretariat", "admin"), ("cycles.Assignment",)),
    Write("api assignment delete", ("api", "assignment-detail", "delete"),
          lambda w, t: Req("api-delete", f"/api/v1/assignments/{assignment_of(w, t)}/", {}),
          on_cycle("secretariat", "admin"), ("cycles.Assignment",)),
    Write("api assignment bulk", ("api", "assignment-bulk", "post"),
          lambda w, t: Req("api-post", "/api/v1/assignments/bulk/", {
              "cycle": w[t].cycle, "topics": ["1.1"], "units": [w[t].unit], "kind": "answers"}),
          cycle_in_body("secretariat", "admin"), ("cycles.Assignment",)),
    Write("api assignment bulk remove", ("api", "assignment-bulk-remove", "post"),
          lambda w, t: Req("api-post", "/api/v1/assignments/bulk-remove/", {
              "cycle": w[t].cycle, "topics": ["2.2"], "units": [assigned_unit(w, t)],
              "kind": "answers"}),
          cycle_in_body("secretariat", "admin"), ("cycles.Assignment",)),
    Write("api framework upload", ("api", "framework-list", "post"),
          lambda w, t: Req("post", "/api/v1/frameworks/", {"file": framework_file()}),
          only("secretariat"), ("frameworks.Framework",), ("own",)),
    # --- plans ---
    Write("plan import", ("page", "plans:plan-import"),
          lambda w, t: Req("post", reverse("plans:plan-import") + f"?cycle={w[t].cycle}", {
              "file": csv_file("รหัสหน่วยงาน,ชื่อโครงการ/กิจกรรม,วันเริ่มต้น,วันสิ้นสุด\n"
                               f"{UNIT_OF[t]},โครงการนำเข้า,2024-11-01,2025-06-30\n")}),
          plan_import, ("plans.Action",)),
    Write("action create", ("page", "plans:action-create"),
          lambda w, t: Req("post", reverse("plans:action-create") + f"?cycle={w[t].cycle}",
                           {"unit": w[t].unit, **action_fields(w, t)}),
          action_create_page, ("plans.Action",)),
    Write("action edit", ("page", "plans:action-edit"),
          lambda w, t: Req("post", reverse("plans:action-edit", args=[w[t].ids["draft"]]), {
              **action_fields(w, t), "version": version(Action, w[t].ids["draft"])}),
          on_object("coordinator", "member"), ("plans.Action",)),
    Write("action submit", ("page", "plans:action-transition"),
          lambda w, t: Req("post", reverse("plans:action-transition", args=[w[t].ids["draft"]]), {
              "to_status": "submitted", "version": version(Action, w[t].ids["draft"])}),
          on_object("coordinator"), ("plans.Action", "plans.ActionEvent")),
    Write("action approve", ("page", "plans:action-transition"),
          lambda w, t: Req("post", reverse("plans:action-transition", args=[w[t].ids["submitted"]]), {
              "to_status": "approved", "version": version(Action, w[t].ids["submitted"])}),
          on_object("executive"), ("plans.Action", "plans.ActionEvent")),
    Write("action comment", ("page", "plans:action-comment"),
          lambda w, t: Req("post", reverse("plans:action-comment", args=[w[t].ids["draft"]]),
                           {"comment": "ขอข้อมูลเพิ่มเติม"}),
          on_object("coordinator", "member", "secretariat", "executive"), ("plans.ActionEvent",)),
    Write("progress save", ("page", "plans:progress-save"),
          lambda w, t: Req("post", reverse("plans:progress-save", args=[w[t].ids["approved"]]),
                           {"quarter": 1, "percent_done": 10, "spent": 0}),
          on_object("coordinator", "member"), ("plans.ProgressReport",)),
    Write("progress save and submit", ("page", "plans:progress-save"),
          lambda w, t: Req("post", reverse("plans:progress-save", args=[w[t].ids["approved"]]),
                           {"quarter": 1, "percent_done": 10, "spent": 0, "submit": "1"}),
          on_object("coordinator"), ("plans.ProgressReport", "plans.Action")),
    Write("progress review", ("page", "plans:progress-review"),
          lambda w, t: Req("post", reverse("plans:progress-review", args=[w[t].ids["running"], w[t].ids["report"]]),
                           {"accept": "1"}),
          on_object("secretariat"), ("plans.ProgressReport",)),
    Write("milestone add", ("page", "plans:milestone-add"),
          lambda w, t: Req("post", reverse("plans:milestone-add", args=[w[t].ids["draft"]]),
                           {"title": "ทดสอบระบบ", "due_date": "2025-02-01"}),
          on_object("coordinator", "member"), ("plans.Milestone",)),
    Write("milestone done", ("page", "plans:milestone-done"),
          lambda w, t: Req("post", reverse("plans:milestone-done", args=[w[t].ids["draft"], w[t].ids["milestone"]]),
                           {"done": "1"}),
          on_object("coordinator", "member"), ("plans.Milestone",)),
    Write("api action create", ("api", "action-list", "post"),
          lambda w, t: Req("api-post", "/api/v1/actions/", {
              "cycle": w[t].cycle, "unit": w[t].unit, **action_fields(w, t)}),
          in_body(400), ("plans.Action",)),
    Write("api action patch", ("api", "action-detail", "patch"),
          lambda w, t: Req("api-patch", f"/api/v1/actions/{w[t].ids['draft']}/", {
              "title": "ชื่อใหม่", "version": version(Action, w[t].ids["draft"])}),
          on_object("coordinator", "member"), ("plans.Action",)),
    Write("api action put", ("api", "action-detail", "put"),
          lambda w, t: Req("api-put", f"/api/v1/actions/{w[t].ids['draft']}/", {
              "cycle": w[t].cycle, "unit": w[t].unit, **action_fields(w, t),
              "version": version(Action, w[t].ids["draft"])}),
          not_offered, ("plans.Action",)),
    Write("api action transition", ("api", "action-transition", "post"),
          lambda w, t: Req("api-post", f"/api/v1/actions/{w[t].ids['draft']}/transition/", {
              "to_status": "submitted", "version": version(Action, w[t].ids["draft"])}),
          on_object("coordinator"), ("plans.Action", "plans.ActionEvent")),
    Write("api progress save", ("api", "action-progress", "post"),
          lambda w, t: Req("api-post", f"/api/v1/actions/{w[t].ids['approved']}/progress/",
                           {"quarter": 1, "percent_done": 10, "spent": 0}),
          on_object("coordinator", "member"), ("plans.ProgressReport",)),
    Write("api progress submit", ("api", "action-progress", "post"),
          lambda w, t: Req("api-post", f"/api/v1/actions/{w[t].ids['approved']}/progress/",
                           {"quarter": 1, "percent_done": 10, "submit": True}),
          on_object("coordinator"), ("plans.ProgressReport", "plans.Action")),
    # --- evidence ---
    Write("evidence create", ("page", "evidence:create"),
          lambda w, t: Req("post", reverse("evidence:create"), {
              "unit": w[t].unit, "kind": "link", "title": "เว็บไซต์", "url": "https://example.go.th/"}),
          in_body(200, page_roles={"coordinator", "member", "secretariat"}), ("evidence.Evidence",)),
    Write("evidence edit", ("page", "evidence:detail"),
          lambda w, t: Req("post", reverse("evidence:detail", args=[w[t].ids["evidence"]]), {
              "form": "edit", "title": "ชื่อใหม่", "version": version(Evidence, w[t].ids["evidence"])}),
          on_object("coordinator", "member"), ("evidence.Evidence",)),
    Write("evidence revise", ("page", "evidence:revise"),
          lambda w, t: Req("post", reverse("evidence:revise", args=[w[t].ids["evidence"]]), {
              "file": pdf(), "version": version(Evidence, w[t].ids["evidence"])}),
          on_object("coordinator", "member"), ("evidence.EvidenceRevision",)),
    Write("api evidence create", ("api", "evidence-list", "post"),
          lambda w, t: Req("api-post", "/api/v1/evidence/", {
              "unit": w[t].unit, "kind": "link", "title": "เว็บไซต์", "url": "https://example.go.th/"}),
          in_body(400), ("evidence.Evidence",)),
    Write("api evidence patch", ("api", "evidence-detail", "patch"),
          lambda w, t: Req("api-patch", f"/api/v1/evidence/{w[t].ids['evidence']}/", {
              "title": "ชื่อใหม่", "version": version(Evidence, w[t].ids["evidence"])}),
          on_object("coordinator", "member"), ("evidence.Evidence",)),
    Write("api evidence put", ("api", "evidence-detail", "put"),
          lambda w, t: Req("api-put", f"/api/v1/evidence/{w[t].ids['evidence']}/", {
              "unit": w[t].unit, "kind": "file", "title": "ชื่อใหม่",
              "version": version(Evidence, w[t].ids["evidence"])}),
          not_offered, ("evidence.Evidence",)),
    Write("api evidence revision", ("api", "evidence-revisions", "post"),
          lambda w, t: Req("post", f"/api/v1/evidence/{w[t].ids['evidence']}/revisions/", {
              "file": pdf(), "version": version(Evidence, w[t].ids["evidence"])}),
          on_object("coordinator", "member"), ("evidence.EvidenceRevision",)),
    # --- self-assessment ---
    Write("answer", ("page", "assessments:answer"),
          lambda w, t: Req("post", reverse("assessments:answer", args=[w[t].cycle, w[t].ids["criterion"], w[t].unit]), {
              "result": "not_applicable", "note": "", "version": version(CriterionAssessment, w[t].ids["answer"])}),
          on_object("coordinator", "member"), ("assessments.CriterionAssessment",)),
    Write("attach indicator", ("page", "indicators:attach"),
          lambda w, t: Req("post", reverse("indicators:attach", args=[w[t].cycle, w[t].ids["criterion"], w[t].unit]), {
              "code": "catalogue.datasets_defined"}),
          on_object("coordinator", "member"), ("evidence.Evidence",)),
    Write("assessment submit", ("page", "assessments:submit"),
          lambda w, t: Req("post", reverse("assessments:submit") + f"?cycle={w[t].cycle}&unit={w[t].unit}",
                           {"criterion": w[t].ids["criterion"]}),
          on_object("coordinator"), ("assessments.CriterionAssessment",)),
    Write("assessment review", ("page", "assessments:review"),
          lambda w, t: Req("post", reverse("assessments:review", args=[w[t].ids["submitted_answer"]]), {
              "decision": "verify", "version": version(CriterionAssessment, w[t].ids["submitted_answer"])}),
          on_object("secretariat"), ("assessments.CriterionAssessment",)),
    Write("assessment baseline", ("page", "assessments:baseline"),
          lambda w, t: Req("post", reverse("assessments:baseline") + f"?cycle={w[t].cycle}",
                           {"from_cycle": w.earlier_cycle}),
          on_cycle("secretariat"), ("assessments.CriterionAssessment",), ("own", "foreign")),
    Write("api answer create", ("api", "assessment-list", "post"),
          lambda w, t: Req("api-post", "/api/v1/assessments/", {
              "cycle": w[t].cycle, "unit": w[t].unit, "result": "not_met",
              "criterion": Cycle.objects.get(pk=w[t].cycle).framework.criteria.get(pk=w[t].ids["free_criterion"]).ref}),
          answer_create_api, ("assessments.CriterionAssessment",)),
    Write("api answer patch", ("api", "assessment-detail", "patch"),
          lambda w, t: Req("api-patch", f"/api/v1/assessments/{w[t].ids['answer']}/", {
              "result": "not_applicable", "version": version(CriterionAssessment, w[t].ids["answer"])}),
          on_object("coordinator", "member"), ("assessments.CriterionAssessment",)),
    Write("api answer submit", ("api", "assessment-submit", "post"),
          lambda w, t: Req("api-post", f"/api/v1/assessments/{w[t].ids['answer']}/submit/", {}),
          on_object("coordinator"), ("assessments.CriterionAssessment",)),
    Write("api answer verify", ("api", "assessment-verify", "post"),
          lambda w, t: Req("api-post", f"/api/v1/assessments/{w[t].ids['submitted_answer']}/verify/", {
              "version": version(CriterionAssessment, w[t].ids["submitted_answer"])}),
          on_object("secretariat"), ("assessments.CriterionAssessment",)),
    Write("api answer return", ("api", "assessment-return-", "post"),
          lambda w, t: Req("api-post", f"/api/v1/assessments/{w[t].ids['submitted_answer']}/return/", {
              "version": version(CriterionAssessment, w[t].ids["submitted_answer"]), "comment": "ขอหลักฐานเพิ่ม"}),
          on_object("secretariat"), ("assessments.CriterionAssessment",)),
]  # fmt: skip

# Writes that are not the department's data: signing in (allauth, the token) and one's own
# interface language. The Django admin (/admin/) is the platform operator's and has its own tests.
# Not about a department's data: the language switch, signing in for a token, and revoking
# one's own token (tests/test_api_tokens.py).
NOT_TENANT_WRITES = {
    ("page", "language-set"), ("api", "api-token", "post"), ("api", "api-token", "delete"),
    ("page", "people:my-token-revoke"), ("page", "admin-login"),
}  # fmt: skip
# Pages that only read (GET); their views have no POST branch.
READ_PAGES = {
    "home", "healthz", "audit", "frameworks:index", "frameworks:detail", "org:unit-list",
    "org:unit-detail", "people:list", "people:detail", "cycles:list", "plans:plan", "plans:inbox",
    "plans:timeline", "plans:coverage", "plans:plan-export", "plans:action-detail",
    "plans:plan-topic",
    "dashboards:department", "dashboards:unit", "dashboards:overdue", "dashboards:national",
    "evidence:library", "evidence:download", "evidence:revision-download", "reports:job",
    "reports:job-download", "people:security",
    "assessments:workspace", "assessments:queue", "assessments:scores",
    "indicators:disagreements",
}  # fmt: skip
# The data catalogue's register has a matrix of its own, on datasets in every state
# (tests/test_catalogue_write_matrix.py); its read-only pages are read-only here too.
CATALOGUE_WRITE_PAGES = {
    "catalogue:create", "catalogue:edit", "catalogue:resource-file", "catalogue:resource-link",
    "catalogue:resource-remove", "catalogue:propose", "catalogue:review", "catalogue:withdraw",
}  # fmt: skip
CATALOGUE_READ_PAGES = {
    "catalogue:register", "catalogue:queue", "catalogue:detail", "catalogue:resource-download",
}  # fmt: skip
READ_PAGES |= CATALOGUE_READ_PAGES
# The catalogue import page: its writes and refusals are in tests/test_catalogue_import.py.
CATALOGUE_OTHER_PAGES = {"catalogue:import"}
# The public catalogue, the CKAN API and DCAT write nothing (the API's write actions answer 403
# Authorization Error: tests/test_ckan_api.py); tests/test_public_invisibility.py asks each of
# them about unpublished datasets.
PUBLIC_READ_ONLY = {
    "opendata:index", "opendata:unit", "opendata:unit-csv", "opendata:dataset",
    "opendata:download", "ckan-root", "ckan-action", "ckan-action-unversioned", "dcat-catalog",
    "dcat-dataset",
}  # fmt: skip
