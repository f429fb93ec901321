"""Read and validate a framework library file (YAML or JSON).

`parse_framework(path)` returns the framework in canonical form (every optional key filled in)
or raises FrameworkFileError with every problem found, each naming the file, the node and the
problem. Nothing here touches the database.
"""

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TOP_KEYS = {
    "urn", "code", "version", "fiscal_year", "title", "description", "provider", "source",
    "levels", "nodes",
}  # fmt: skip
NODE_KEYS = {"ref", "parent", "kind", "title", "guidance", "references", "criteria"}
CRITERION_KEYS = {
    "ref", "text", "scope", "weight", "evidence_hint", "references", "kind", "options", "min",
    "indicators",
}  # fmt: skip
KINDS = {"dimension": None, "topic": "dimension", "subtopic": "topic"}  # kind -> parent kind
# Criterion kinds: "result" (the default) is answered with a result; the others by ticking options.
CRITERION_KINDS = ("result", "checklist", "any_of")
SCOPES = {"department", "unit"}
URN_RE = re.compile(r"^urn:[a-z0-9][a-z0-9-]*(:[A-Za-z0-9._-]+)+$")
FIELD_NAMES = {
    "title": gettext_lazy("title"),
    "text": gettext_lazy("text"),
    "guidance": gettext_lazy("guidance"),
    "label": gettext_lazy("label"),
    "evidence_hint": gettext_lazy("evidence hint"),
    "description": gettext_lazy("description"),
    "provider": gettext_lazy("provider"),
    "source": gettext_lazy("source"),
}
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REF_RE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")
CRITERION_REF_RE = re.compile(r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*-[0-9A-Za-z]+$")


class FrameworkFileError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


class _Checker:
    def __init__(self, filename: str):
        self.filename = filename
        self.errors: list[str] = []

    def error(self, where: str, problem: str) -> None:
        self.errors.append(
            f"{self.filename}: {where}: {problem}" if where else f"{self.filename}: {problem}"
        )

    def unknown_keys(self, where: str, data: dict, allowed: set[str]) -> None:
        for key in sorted(set(data) - allowed, key=str):
            self.error(where, _("unknown key “%(key)s”") % {"key": key})

    def text(self, where: str, data: dict, key: str, *, required: bool) -> dict[str, str]:
        """A two-language text {th, en}; both languages are needed when it is given."""
        value = data.get(key)
        field = FIELD_NAMES[key]
        if isinstance(value, dict) and not required and not any(value.values()):
            value = None
        if value is None or value == "":
            if required:
                self.error(where, _("missing %(field)s (Thai and English)") % {"field": field})
            return {"th": "", "en": ""}
        if not isinstance(value, dict):
            self.error(where, _("%(field)s must have th and en texts") % {"field": field})
            return {"th": "", "en": ""}
        self.unknown_keys(f"{where} {key}", value, {"th", "en"})
        out = {}
        for code, language in (("th", _("Thai")), ("en", _("English"))):
            text = value.get(code)
            if not isinstance(text, str) or not text.strip():
                self.error(
                    where,
                    _("missing %(language)s %(field)s (%(key)s.%(code)s)")
                    % {"language": language, "field": field, "key": key, "code": code},
                )
                text = ""
            out[code] = text.strip()
        return out

    def references(self, where: str, data: dict) -> list[dict]:
        value = data.get("references") or []
        if not isinstance(value, list):
            self.error(where, _("references must be a list"))
            return []
        out = []
        for i, item in enumerate(value, 1):
            at = f"{where} reference {i}"
            if not isinstance(item, dict):
                self.error(at, _("must be a mapping with label and url"))
                continue
            self.unknown_keys(at, item, {"label", "url"})
            url = item.get("url") or ""
            if url and not re.match(r"^https?://\S+$", str(url)):
                self.error(at, _("url must start with http:// or https://"))
            out.append({"label": self.text(at, item, "label", required=True), "url": str(url)})
        return out


def _plain_number(value: float) -> int | float:
    """1.0 and Decimal('1.00') both become 1, so files round-trip unchanged."""
    return int(value) if float(value).is_integer() else float(value)


def _node_where(ref: object) -> str:
    return _("node “%(ref)s”") % {"ref": ref}


def _check_levels(check: _Checker, raw: object) -> list[dict]:
    if not isinstance(raw, list) or not raw:
        check.error("levels", _("at least one readiness level is required"))
        return []
    levels, codes, last_min = [], set(), None
    for i, item in enumerate(raw, 1):
        at = _("level %(n)s") % {"n": i}
        if not isinstance(item, dict):
            check.error(at, _("must be a mapping"))
            continue
        check.unknown_keys(at, item, {"code", "min", "label"})
        code, low = str(item.get("code", "")), item.get("min")
        if not code or code in codes:
            check.error(at, _("code is missing or repeated"))
        codes.add(code)
        if isinstance(low, bool) or not isinstance(low, int | float) or not 0 <= low <= 100:
            check.error(at, _("min must be a number from 0 to 100"))
            low = 0
        elif last_min is None and low != 0:
            check.error(at, _("the first level must start at 0"))
        elif last_min is not None and low <= last_min:
            check.error(at, _("levels must be in ascending order of min"))
        last_min = low
        levels.append(
            {
                "code": code,
                "min": _plain_number(low),
                "label": check.text(at, item, "label", required=True),
            }
        )
    return levels


def _check_options(check: _Checker, at: str, item: dict) -> dict[str, Any]:
    """The kind of a criterion and, for checklist and any_of, its options and minimum.

    Returns {} for a result criterion (so that files without kinds keep their canonical form),
    else {"kind", "options": [{"code", "label"}], "min"}; min is None for a checklist without
    a minimum and defaults to 1 for any_of.
    """
    kind = item.get("kind", "result")
    if kind not in CRITERION_KINDS:
        check.error(at, _("kind must be result, checklist or any_of"))
        return {}
    if kind == "result":
        for key in ("options", "min"):
            if key in item:
                check.error(
                    at, _("only a checklist or any_of criterion has “%(key)s”") % {"key": key}
                )
        return {}
    raw = item.get("options")
    if not isinstance(raw, list) or not raw:
        check.error(at, _("a criterion of kind %(kind)s needs a list of options") % {"kind": kind})
        raw = []
    options, codes = [], set()
    for n, option in enumerate(raw, 1):
        where = _("%(at)s option %(n)s") % {"at": at, "n": n}
        if not isinstance(option, dict):
            check.error(where, _("must be a mapping with code and label"))
            continue
        check.unknown_keys(where, option, {"code", "label"})
        code = str(option.get("code", ""))
        if not CODE_RE.match(code) or len(code) > 60:
            check.error(where, _("code is missing or not made of a-z, 0-9 and -"))
        elif code in codes:
            check.error(where, _("duplicate option code “%(code)s”") % {"code": code})
        codes.add(code)
        options.append({"code": code, "label": check.text(where, option, "label", required=True)})
    low = item.get("min", 1 if kind == "any_of" else None)
    if low is not None and (
        isinstance(low, bool) or not isinstance(low, int) or not 1 <= low <= max(len(raw), 1)
    ):
        check.error(
            at,
            _("min must be a whole number from 1 to %(n)s (the number of options)")
            % {"n": len(raw)},
        )
        low = None
    return {"kind": kind, "options": options, "min": low}


def _check_indicators(check: _Checker, at: str, item: dict) -> dict[str, Any]:
    """The criterion's live-evidence indicators: [{code, met, partial?}], each code declared by
    an installed app (digiorg.indicators.registry) and each threshold valid. Returns {} when
    there are none (files without indicators keep their canonical form)."""
    from digiorg.indicators.registry import ThresholdError, parse_threshold, registry

    raw = item.get("indicators")
    if raw is None:
        return {}
    if not isinstance(raw, list) or not raw:
        check.error(at, _("indicators must be a list of {code, met, partial}"))
        return {}
    out, codes = [], set()
    for n, entry in enumerate(raw, 1):
        where = _("%(at)s indicator %(n)s") % {"at": at, "n": n}
        if not isinstance(entry, dict):
            check.error(where, _("must be a mapping with code, met and partial"))
            continue
        check.unknown_keys(where, entry, {"code", "met", "partial"})
        code = entry.get("code")
        indicator = registry.get(code) if isinstance(code, str) else None
        if indicator is None:
            check.error(where, _("unknown indicator code “%(code)s”") % {"code": code})
        elif code in codes:
            check.error(where, _("indicator “%(code)s” is listed twice") % {"code": code})
        elif indicator.scope == "department" and item.get("scope") == "unit":
            check.error(
                where,
                _("indicator “%(code)s” counts the whole department; it cannot prove a unit's answer")
                % {"code": code},
            )  # fmt: skip
        if isinstance(code, str):
            codes.add(code)
        clean: dict[str, Any] = {"code": code}
        for key in ("met", "partial"):
            if key not in entry:
                if key == "met":
                    check.error(where, _("the “met” threshold is missing"))
                continue
            try:
                clean[key] = str(parse_threshold(entry[key]))
            except ThresholdError as exc:
                check.error(f"{where} {key}", str(exc))
        out.append(clean)
    return {"indicators": out}


def _check_criteria(check: _Checker, node_ref: str, raw: object, seen: set[str]) -> list[dict]:
    if raw is None:
        return []
    where = _node_where(node_ref)
    if not isinstance(raw, list):
        check.error(where, _("criteria must be a list"))
        return []
    out = []
    for item in raw:
        if not isinstance(item, dict):
            check.error(where, _("each criterion must be a mapping"))
            continue
        ref = str(item.get("ref", ""))
        at = _("criterion “%(ref)s”") % {"ref": ref}
        check.unknown_keys(at, item, CRITERION_KEYS)
        if not CRITERION_REF_RE.match(ref):
            check.error(at, _("ref must look like %(example)s") % {"example": f"{node_ref}-1"})
        elif ref in seen:
            check.error(at, _("duplicate criterion ref"))
        seen.add(ref)
        scope = item.get("scope")
        if scope not in SCOPES:
            check.error(at, _("scope must be department or unit"))
        weight = item.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            check.error(at, _("weight must be a positive number"))
            weight = 1
        out.append({
            "ref": ref,
            "text": check.text(at, item, "text", required=True),
            "scope": scope,
            "weight": _plain_number(weight),
            "evidence_hint": check.text(at, item, "evidence_hint", required=False),
            "references": check.references(at, item),
            **_check_options(check, at, item),
            **_check_indicators(check, at, item),
        })  # fmt: skip
    return out


def _check_nodes(check: _Checker, raw: object) -> list[dict]:
    if not isinstance(raw, list) or not raw:
        check.error("nodes", _("the framework has no nodes"))
        return []
    nodes: dict[str, dict] = {}
    criterion_refs: set[str] = set()
    for item in raw:
        if not isinstance(item, dict):
            check.error("nodes", _("each node must be a mapping"))
            continue
        ref = str(item.get("ref", "")).strip()
        where = _node_where(ref)
        check.unknown_keys(where, item, NODE_KEYS)
        if not REF_RE.match(ref):
            check.error(where, _("ref is missing or not like 1, 1.2 or 4.1.3"))
            continue
        if ref in nodes:
            check.error(where, _("duplicate ref"))
            continue
        kind, parent = item.get("kind"), item.get("parent")
        parent = str(parent) if parent is not None else None
        if kind not in KINDS:
            check.error(where, _("kind must be dimension, topic or subtopic"))
        elif KINDS[kind] is None and parent:
            check.error(where, _("a dimension has no parent"))
        elif KINDS[kind] is not None:
            if not parent:
                check.error(where, _("a %(kind)s needs a parent") % {"kind": kind})
            elif parent not in nodes:
                check.error(
                    where, _("parent “%(parent)s” is not defined before it") % {"parent": parent}
                )
            elif nodes[parent]["kind"] != KINDS[kind]:
                check.error(
                    where,
                    _("the parent of a %(kind)s must be a %(parent_kind)s")
                    % {"kind": kind, "parent_kind": KINDS[kind]},
                )
        nodes[ref] = {
            "ref": ref,
            "parent": parent,
            "kind": kind,
            "title": check.text(where, item, "title", required=True),
            "guidance": check.text(where, item, "guidance", required=False),
            "references": check.references(where, item),
            "criteria": _check_criteria(check, ref, item.get("criteria"), criterion_refs),
        }
    parents = {node["parent"] for node in nodes.values()}
    for node in nodes.values():
        if node["ref"] in parents and node["criteria"]:
            check.error(_node_where(node["ref"]), _("criteria belong on the lowest level only"))
    return list(nodes.values())


def canonical_framework(data: object, filename: str = "<data>") -> dict[str, Any]:
    """Validate already-parsed data and return it in canonical form."""
    check = _Checker(filename)
    if not isinstance(data, dict):
        check.error("", _("the file must hold one framework (a mapping at the top level)"))
        raise FrameworkFileError(check.errors)
    check.unknown_keys("", data, TOP_KEYS)
    urn, code, version = str(data.get("urn", "")), str(data.get("code", "")), data.get("version")
    if not URN_RE.match(urn):
        check.error("urn", _("missing or not a URN (urn:...)"))
    if not CODE_RE.match(code):
        check.error("code", _("missing or not made of a-z, 0-9 and -"))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        check.error("version", _("must be a whole number from 1"))
    fiscal_year = data.get("fiscal_year")
    if fiscal_year is not None and (
        not isinstance(fiscal_year, int) or not 2500 <= fiscal_year <= 2700
    ):
        check.error("fiscal_year", _("must be a Buddhist-era year such as 2568"))
    result = {
        "urn": urn,
        "code": code,
        "version": version,
        "fiscal_year": fiscal_year,
        "title": check.text("title", data, "title", required=True),
        "description": check.text("description", data, "description", required=False),
        "provider": check.text("provider", data, "provider", required=False),
        "source": check.text("source", data, "source", required=False),
        "levels": _check_levels(check, data.get("levels")),
        "nodes": _check_nodes(check, data.get("nodes")),
    }
    if check.errors:
        raise FrameworkFileError(check.errors)
    return result


def parse_framework(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FrameworkFileError(
            [f"{path.name}: " + _("cannot read the file (%(error)s)") % {"error": exc}]
        ) from exc
    return parse_framework_bytes(raw, path.name)


def parse_framework_bytes(raw: bytes, name: str) -> dict[str, Any]:
    """The same as parse_framework for a file's content (an upload), named `name` in messages."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkFileError(
            [f"{name}: " + _("cannot read the file (%(error)s)") % {"error": exc}]
        ) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = _(" at line %(line)s") % {"line": mark.line + 1} if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrameworkFileError(
            [f"{name}: " + _("not valid YAML%(line)s: %(problem)s") % {"line": line, "problem": problem}]
        ) from exc  # fmt: skip
    return canonical_framework(data, name)


def content_sha256(framework: dict[str, Any]) -> str:
    encoded = json.dumps(framework, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()
