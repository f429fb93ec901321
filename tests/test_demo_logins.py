"""The README's table of demo logins is the truth: every login in it exists with the role it
says, and the demo creates no other login."""

import re
from pathlib import Path

from digiorg.accounts.models import Membership, User
from digiorg.sample.demo import _organization, _people

README = Path(__file__).resolve().parent.parent / "README.md"
ROLES = {
    "administrator": "admin", "secretariat": "secretariat", "executive": "executive",
    "auditor": "auditor", "coordinator": "coordinator", "member": "member",
    "superuser": "superuser",
}  # fmt: skip


def readme_logins() -> dict[str, str]:
    """{username: role} from the table under "### Demo logins"."""
    text = README.read_text(encoding="utf-8").split("### Demo logins", 1)[1]
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break  # the end of the table
        rows.append(line)
    logins: dict[str, str] = {}
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("username", "---"):
            continue
        names = re.findall(r"`([^`]+)`", cells[0])
        roles = [ROLES[w] for w in re.findall(r"\b(" + "|".join(ROLES) + r")\b", cells[1])]
        assert names and roles, row
        if len(roles) == 1:
            roles *= len(names)
        assert len(roles) == len(names), row
        logins.update(zip(names, roles, strict=True))
    return logins


def test_the_readme_table_is_read():
    logins = readme_logins()
    assert logins["admin"] == "admin" and logins["member-r1"] == "member"
    assert logins["national"] == "superuser" and len(logins) > 30


def test_every_readme_login_exists_with_its_role_and_there_are_no_others(db, settings):
    organization = _organization()
    _people(organization)
    logins = readme_logins()
    for username, role in logins.items():
        user = User.objects.get(username=username)
        assert user.check_password(settings.DIGIORG_DEMO_PASSWORD), username
        if role == "superuser":
            assert user.is_superuser and not Membership.objects.filter(user=user).exists()
            continue
        held = Membership.objects.filter(user=user).select_related("unit")
        assert [m.role for m in held] == [role], username
        if username.startswith("coord-"):  # coord-<unit code>
            assert held[0].unit.code == username.removeprefix("coord-").upper()
    can_sign_in = {u.username for u in User.objects.all() if u.has_usable_password()}
    assert can_sign_in == set(logins)


def test_the_readme_cites_only_files_in_the_repository():
    root = README.parent
    text = README.read_text(encoding="utf-8")
    cited = set(re.findall(r"`((?:digiorg|tests|\.ci)/[^`\s]*)`", text))
    assert cited, "the README cites some files"
    assert [p for p in sorted(cited) if not (root / p).exists()] == []
