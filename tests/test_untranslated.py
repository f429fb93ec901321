"""No English left in the Thai interface.

Every page of the URL conf that answers GET with HTML (the API and Django's own admin aside) is
rendered under Thai for every role that may open it, on the write world's data (tests/write_world.py:
actions in every state, reports, evidence, answers). Every form on those pages is then sent empty
and with bad values (letters in numbers, 20-digit numbers, impossible dates, overlong text,
unknown choices), and the answer is read too. From each answer the text people read or hear is
taken (tags, scripts and styles stripped; placeholders, titles, labels for screen readers, images'
alt text and the words on input buttons kept) and any English word that is not on the allow-list
fails the test. The national operator (a platform superuser) reads the pages too, everyone has
recovery codes to look at, and a form sent without its security token is read for every role.
"""

import functools
import re
from html.parser import HTMLParser

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from digiorg.accounts.models import User
from digiorg.accounts.testing import signed_in

from .conftest import SEED_FILE, seed_document
from .world import PASSWORD, TOTP_SECRET
from .write_world import WriteWorld, build_write_world

ROLES = ["coordinator", "secretariat", "member", "executive", "auditor", "admin", "national"]
# Not Thai pages of ours: JSON API, Django's admin, the API's own docs, health check.
SKIPPED_PREFIXES = ("api/", "admin/")
SKIPPED_NAMES = {"healthz", "api-docs", "api-schema"}

# Words that are not English to translate: the product, acronyms and codes, units, file types.
ALLOWED = {
    "digiorg", "thb", "pdf", "api", "totp", "url", "id", "kpi", "csv", "xlsx", "docx", "excel",
    "word", "zip", "png", "jpg", "jpeg", "html", "json", "yaml", "sha", "mb", "kb", "gb", "it",
    "dga", "dcio", "moph", "ocr", "https", "http", "www", "th", "en", "english", "ctrl",
}  # fmt: skip
# People's usernames and the world's unit codes are data, not interface text.
DATA_WORDS = {
    "admin", "secretariat", "executive", "auditor", "coordinator", "member", "staff", "other",
    "oth", "coord", "std", "hss", "sec", "ia", "unit", "order",
}  # fmt: skip
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
LINK = re.compile(r"\bhttps?://\S+|\b[\w./-]+\.(pdf|csv|xlsx|docx|zip|png|jpe?g)\b", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
# A SHA-256 shown in hex, a snake_case key in brackets (an import column: "ชื่อ (name)"), the
# x's of the test's own overlong values.
NOT_WORDS = re.compile(
    r"\b[0-9a-f]{16,}\b|\(\s*[a-z_]+\s*\)|\bx{20,}\b|\b[a-z0-9]+(?:-[a-z0-9]+)*-\d+\b"
)
# Attributes whose text is shown (placeholder, title, alt) or read out by a screen reader.
VISIBLE_ATTRIBUTES = (
    "placeholder", "title", "alt", "aria-label", "aria-description", "aria-roledescription",
    "aria-valuetext", "aria-placeholder",
)  # fmt: skip
CODE = ("script", "style", "template", "code", "kbd", "samp")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in CODE:
            self._hidden += 1
        for name in VISIBLE_ATTRIBUTES:
            if a.get(name):
                self.parts.append(a[name] or "")
        if tag == "input" and a.get("type") in ("submit", "button", "reset") and a.get("value"):
            self.parts.append(a["value"] or "")
        if tag == "form":
            self.forms.append(
                {"action": a.get("action") or "", "method": a.get("method") or "get", "fields": []}
            )
        elif tag in ("input", "select", "textarea") and self.forms and a.get("name"):
            self.forms[-1]["fields"].append(
                (tag, a.get("type") or "", a["name"], a.get("value") or "")
            )

    def handle_endtag(self, tag):
        if tag in CODE and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


@functools.cache
def framework_words() -> frozenset[str]:
    """The framework library file is data (its Thai text names systems and standards in
    English: Cloud, ThaiID, GDX): its words are not interface text."""
    texts: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not str(key).endswith("_en"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            texts.append(node)

    walk(seed_document())
    return frozenset(w.lower() for w in WORD.findall(" ".join(texts)))


def english_words(text: str) -> set[str]:
    text = NOT_WORDS.sub(" ", LINK.sub(" ", EMAIL.sub(" ", text)))
    found = set()
    for word in WORD.findall(text):
        low = word.lower().strip("'")
        if low in ALLOWED or low in DATA_WORDS or low in framework_words() | catalogue_words():
            continue
        if len(low) >= 3 and any(w.startswith(low) for w in framework_words()):
            continue  # framework text cut short ("Sharabl…")
        if word.isupper() and len(word) <= 6:  # acronyms and codes: R1, HSS, Q1, FY
            continue
        found.add(word)
    return found


# --- the pages -------------------------------------------------------------------------------


def get_patterns() -> list[str]:
    """Every named URL of ours, by name."""
    names: list[str] = []

    def walk(patterns, prefix="", namespace=None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace and ":".join(filter(None, [namespace, entry.namespace]))
                walk(entry.url_patterns, prefix + str(entry.pattern), ns or namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                route = prefix + str(entry.pattern)
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                if route.startswith(SKIPPED_PREFIXES) or name in SKIPPED_NAMES:
                    continue
                if name not in names:
                    names.append(name)

    walk(get_resolver().url_patterns)
    return names


def _own(ww: WriteWorld, key: str) -> int:
    return ww["own"].ids[key]


def _fiscal_year(ww: WriteWorld) -> int:
    from digiorg.cycles.models import Cycle

    return Cycle.objects.get(pk=ww["own"].cycle).fiscal_year


def _topic_of(ww: WriteWorld, key: str) -> int:
    from digiorg.plans.models import Action

    return Action.objects.get(pk=_own(ww, key)).criteria.values_list("node", flat=True)[0]


def _datasets(ww: WriteWorld) -> list[int]:
    """A draft, a proposed and a published dataset of the own unit (the write world has none)."""
    from digiorg.org.models import OrgUnit

    from .catalogue_data import make_dataset

    unit = OrgUnit.objects.get(pk=ww["own"].unit)
    return [make_dataset(unit, status=status).pk for status in ("draft", "proposed", "published")]


def _published(ww: WriteWorld):
    from digiorg.catalogue.models import Dataset

    return Dataset.objects.select_related("unit").get(pk=_datasets(ww)[2])


@functools.cache
def catalogue_words() -> frozenset[str]:
    """The GD Catalog's value lists are the national portal's data (formats and licences are
    named in English there), and "GD Catalog" is the standard's name."""
    from digiorg.catalogue import choices

    texts = [str(label) for options in (choices.DATA_FORMATS, choices.LICENSES)
             for value, label in options] + ["GD Catalog"]  # fmt: skip
    return frozenset(w.lower() for w in WORD.findall(" ".join(texts)))


# URL name -> list of paths on the write world (a name missing here has no arguments).
ARGS = {
    "catalogue:detail": lambda ww: [reverse("catalogue:detail", args=[pk]) for pk in _datasets(ww)],
    "catalogue:edit": lambda ww: [reverse("catalogue:edit", args=[_datasets(ww)[0]])],
    "opendata:dataset": lambda ww: [reverse("opendata:dataset", args=[_published(ww).name])],
    "opendata:unit": lambda ww: [reverse("opendata:unit", args=[_published(ww).unit.code])],
    "frameworks:detail": lambda ww: [reverse("frameworks:detail", args=["dhss-do-2568"])],
    "org:unit-detail": lambda ww: [reverse("org:unit-detail", args=[ww["own"].unit])],
    "org:unit-edit": lambda ww: [reverse("org:unit-edit", args=[ww["own"].unit])],
    "people:detail": lambda ww: [reverse("people:detail", args=[ww["own"].person])],
    "people:edit": lambda ww: [reverse("people:edit", args=[ww["own"].person])],
    "cycles:detail": lambda ww: [reverse("cycles:detail", args=[ww["own"].cycle])],
    "cycles:assign": lambda ww: [reverse("cycles:assign", args=[ww["own"].cycle])],
    "plans:action-detail": lambda ww: [
        reverse("plans:action-detail", args=[_own(ww, k)])
        for k in ("draft", "submitted", "approved", "running")
    ],
    "plans:action-edit": lambda ww: [reverse("plans:action-edit", args=[_own(ww, "draft")])],
    "dashboards:unit": lambda ww: [reverse("dashboards:unit", args=[ww["own"].unit])],
    "dashboards:national": lambda ww: [
        reverse("dashboards:national"),
        reverse("dashboards:national") + f"?year={_fiscal_year(ww)}",
    ],
    "evidence:detail": lambda ww: [reverse("evidence:detail", args=[_own(ww, "evidence")])],
    "evidence:revise": lambda ww: [reverse("evidence:revise", args=[_own(ww, "evidence")])],
    "assessments:answer": lambda ww: [
        reverse("assessments:answer", args=[ww["own"].cycle, _own(ww, c), ww["own"].unit])
        for c in ("criterion", "free_criterion")
    ],
    "reports:report": lambda ww: [reverse("reports:report", args=[ww["own"].cycle, "pdf"])],
    "plans:plan-topic": lambda ww: [
        reverse("plans:plan-topic", args=[key]) + f"?cycle={ww['own'].cycle}&unit={ww['own'].unit}"
        for key in (_topic_of(ww, "draft"), "unlinked")
    ],
}
WITH_QUERY = {
    "plans:plan", "plans:inbox", "plans:timeline", "plans:coverage", "plans:action-create",
    "plans:plan-import", "assessments:workspace", "assessments:queue", "assessments:scores",
}  # fmt: skip
# Need a token, a session step or an object that the world has no use for: not pages to read.
NO_PAGE = {
    "account_confirm_email", "account_reset_password_from_key", "account_confirm_login_code",
    # a text file of the codes alone, no words
    "mfa_download_recovery_codes", "people:token-revoke", "people:my-token-revoke",
    "people:membership-add", "people:membership-remove", "reports:job", "reports:job-download",
    "evidence:download", "evidence:revision-download", "plans:plan-export",
    "catalogue:resource-download",
    # the public download route only redirects; DCAT is RDF for machines (Thai literals, @th)
    "opendata:download", "dcat-catalog", "dcat-dataset", "opendata:unit-csv",
    # only for a user without a password (everyone here has one)
    "account_set_password",
    # only in the middle of a login that waits for the second factor
    "mfa_authenticate",
}  # fmt: skip
# Forms only (POST): their pages' forms are sent empty and with bad values below.
POST_ONLY = {
    "language-set", "plans:action-transition", "plans:action-comment", "plans:progress-save",
    "plans:milestone-add", "plans:milestone-done", "plans:progress-review", "assessments:submit",
    "assessments:baseline", "assessments:review", "evidence:revise", "indicators:attach",
    "catalogue:resource-file", "catalogue:resource-link", "catalogue:resource-remove",
    "catalogue:propose", "catalogue:review", "catalogue:withdraw",
}  # fmt: skip
# Pages behind a fresh password check (allauth's reauthentication): the test gives the password.
REAUTH = {
    "mfa_activate_totp", "mfa_deactivate_totp", "mfa_generate_recovery_codes",
    "mfa_view_recovery_codes",
}  # fmt: skip


def paths_for(name: str, ww: WriteWorld) -> list[str]:
    if name in ARGS:
        return ARGS[name](ww)
    path = reverse(name)
    if name in WITH_QUERY:
        return [path, f"{path}?cycle={ww['own'].cycle}&unit={ww['own'].unit}"]
    return [path]


PAGES = [n for n in get_patterns() if n not in NO_PAGE | POST_ONLY]


@pytest.fixture(scope="module")
def ww_media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("words-media"))


@pytest.fixture(scope="module")
def ww(django_db_setup, django_db_blocker, ww_media):
    """Built once for the module, rolled back at its end (as tests/test_write_matrix.py)."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=ww_media),
        transaction.atomic(),
    ):
        world = build_write_world(seed_document(), SEED_FILE.name)
        # people's names in Thai, as in a department (the world names them after their usernames)
        for user in User.objects.all():
            User.objects.filter(pk=user.pk).update(name=f"คุณทดสอบ {user.pk}")
        # the national agency's operator, as the demo's `national` login: a platform superuser
        # of no department, with TOTP
        national = User.objects.create_user(
            username="national", password=PASSWORD, name="คุณทดสอบ ภาครัฐ", is_superuser=True,
            is_staff=True, email="national@example.go.th",
        )  # fmt: skip
        TOTP.activate(national, TOTP_SECRET)
        # everyone has recovery codes, so their page (and the security page's part) is read
        for user in User.objects.filter(username__in=ROLES):
            RecoveryCodes.activate(user)
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def clients(ww, ww_media, db, settings) -> dict[str | None, Client]:
    settings.MEDIA_ROOT = ww_media  # the world's files, for the pages that open them
    made: dict[str | None, Client] = {
        role: signed_in(User.objects.get(username=role)) for role in ROLES
    }
    made[None] = Client()
    return made


def _html(response) -> str | None:
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode()


BAD = {
    "number": "12345678901234567890",
    "date": "31/02/25xx",
    "email": "not-an-email",
    "url": "not a link",
    "text": "x" * 5000,
    "": "x" * 5000,
    "password": "1",
}


def form_payloads(form: dict) -> list[dict]:
    """The form sent empty (hidden fields kept) and with bad values."""
    hidden = {n: v for tag, kind, n, v in form["fields"] if kind == "hidden"}
    empty = dict(hidden)
    bad = dict(hidden)
    for tag, kind, name, _value in form["fields"]:
        if kind in ("hidden", "submit", "button", "file"):
            continue
        if tag == "select" or kind in ("checkbox", "radio"):
            bad[name] = "999999999"
        elif tag == "textarea":
            bad[name] = "x" * 20000
        else:
            bad[name] = BAD.get(kind, "x" * 5000)
    return [empty, bad]


SKIPPED_FORMS = ("/language/", "/accounts/logout/")


def check(response, where: str, problems: dict[str, set[str]]) -> _Text | None:
    html = _html(response)
    if html is None:
        return None
    parsed = parse(html)
    words = english_words(" ".join(parsed.parts))
    if words:
        problems.setdefault(where, set()).update(words)
    return parsed


@pytest.mark.parametrize("name", PAGES)
def test_page_and_its_form_errors_are_thai(ww, clients, name, settings):
    settings.DEBUG = False
    problems: dict[str, set[str]] = {}
    rendered = 0
    seen_forms: set[tuple] = set()
    for path in paths_for(name, ww):
        for role, client in clients.items():
            if name in REAUTH and role:
                client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
            response = client.get(path)
            parsed = check(response, f"GET {path}", problems)
            if parsed is None:
                continue
            rendered += 1
            for form in parsed.forms:
                action = form["action"] or path
                key = (action, tuple(sorted(f[2] for f in form["fields"])))
                if form["method"].lower() != "post" or key in seen_forms:
                    continue
                if action.startswith(SKIPPED_FORMS):
                    continue
                seen_forms.add(key)
                for payload in form_payloads(form):
                    with transaction.atomic():
                        answer = client.post(action, payload, follow=True)
                        check(answer, f"POST {action} (from {path})", problems)
                        transaction.set_rollback(True)
    assert rendered, f"{name}: no role got an HTML page"
    report = "\n".join(f"{where}: {' '.join(sorted(words))}" for where, words in problems.items())
    assert not problems, "English left in the Thai interface:\n" + report


def test_a_form_sent_without_its_token_gets_a_thai_page(ww, clients, settings):
    """The site's page for a form refused for its security token (CSRF_FAILURE_VIEW), as after
    a page left open too long: for everyone, signed in or not."""
    settings.DEBUG = False
    problems: dict[str, set[str]] = {}
    paths = [reverse("language-set"), reverse("account_login"), reverse("plans:action-create")]
    for role, signed in clients.items():
        client = Client(enforce_csrf_checks=True)
        client.cookies = signed.cookies
        for path in paths:
            response = client.post(path, {"title": "x"}, HTTP_REFERER="http://testserver/")
            assert response.status_code == 403, (role, path)
            html = response.content.decode()
            assert 'data-testid="error-csrf"' in html, (role, path)
            words = english_words(" ".join(parse(html).parts))
            if words:
                problems.setdefault(f"{role} POST {path}", set()).update(words)
    report = "\n".join(f"{where}: {' '.join(sorted(words))}" for where, words in problems.items())
    assert not problems, "English left in the Thai interface:\n" + report


def test_every_page_of_the_url_conf_is_checked():
    """A new page is read by the test above unless it is named in NO_PAGE with its reason."""
    assert set(PAGES) | NO_PAGE | POST_ONLY >= set(get_patterns())
    for name in ("plans:action-detail", "account_reauthenticate", "mfa_view_recovery_codes"):
        assert name in PAGES
    assert "dashboards:national" in PAGES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ส่งเพื่อพิจารณา THB 1,000 · R1-STD · somchai@example.go.th", set()),
        ("Ensure that there are no more than 14 digits in total.", {"digits", "total"}),
        ("ผู้ตรวจ reviewer", {"reviewer"}),
        ("ยืนยันที่อยู่อีเมล AddrAccess", {"AddrAccess"}),
    ],
)
def test_english_words_finds_leftovers_and_allows_codes(text, expected):
    assert expected <= english_words(text)
    if not expected:
        assert english_words(text) == set()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<button aria-label="Close">×</button>', {"Close"}),
        ('<img src="a.png" alt="Logo of the agency">', {"Logo"}),
        ('<input type="submit" value="Send">', {"Send"}),
        ('<input placeholder="Keyword" title="Filter by unit">', {"Keyword", "Filter"}),
        ('<a href="/en/page" class="btn" data-x="Hidden">ไป</a>', set()),
    ],
)
def test_attribute_text_people_read_or_hear_is_checked(html, expected):
    found = english_words(" ".join(parse(html).parts))
    assert expected <= found
    if not expected:
        assert found == set()
