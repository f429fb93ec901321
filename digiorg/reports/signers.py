"""Who signs a report: the approval block of the PDF (prepared by / reviewed by / approved by)
and the memo's signer. Names come from settings; a unit's report takes the unit's own signers
when they are configured. A name that is not configured is left as a line to sign by hand,
and the pages say so before the download (never a silent blank).

settings.DIGIORG_MEMO: `signer` and `position` (who prepares the report and signs the memo),
`to` (the addressee, whose position is the approver's by default).
settings.DIGIORG_REPORT_SIGNERS (optional): {"reviewed": {"name": ..., "position": ...},
"approved": {...}, "prepared": {...}, "units": {"<unit code>": {"prepared": {...}, ...}}}."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from digiorg.org.models import OrgUnit

ROLES = ("prepared", "reviewed", "approved")


@dataclass(frozen=True)
class Signer:
    role: str  # one of ROLES
    name: str  # "" when not configured: a line to sign
    position: str

    @property
    def label(self) -> str:
        return {
            "prepared": _("Prepared by"),
            "reviewed": _("Reviewed by"),
            "approved": _("Approved by"),
        }[self.role]


def _configured() -> dict:
    value = getattr(settings, "DIGIORG_REPORT_SIGNERS", None)
    return value if isinstance(value, dict) else {}


def report_signers(memo: dict[str, str], unit: OrgUnit | None) -> list[Signer]:
    """The three signers of the approval block, in order."""
    configured = _configured()
    own = configured.get("units", {}).get(unit.code, {}) if unit is not None else {}
    defaults = {
        "prepared": {"name": memo.get("signer", ""), "position": memo.get("position", "")},
        "reviewed": {"name": "", "position": ""},
        "approved": {"name": "", "position": memo.get("to", "")},
    }
    signers = []
    for role in ROLES:
        entry = own.get(role) or configured.get(role) or defaults[role]
        signers.append(
            Signer(role, str(entry.get("name", "")).strip(), str(entry.get("position", "")).strip())
        )
    return signers


def memo_signer(memo: dict[str, str], unit: OrgUnit | None) -> Signer:
    """Who signs the memo: the unit's configured preparer, else the memo settings' signer."""
    return report_signers(memo, unit)[0]


def missing_signers(signers: list[Signer]) -> list[Signer]:
    return [s for s in signers if not s.name]
