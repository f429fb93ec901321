from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from digiorg.accounts.permissions import audit_may_read
from digiorg.core.fiscal import fiscal_year


def site(request):
    language = (get_language() or "th")[:2]
    names = settings.DIGIORG_ORGANIZATION_NAME
    return {
        "organization_name": names.get(language, names["th"]),
        "current_fiscal_year": fiscal_year(timezone.localdate()),
        "nav_audit": bool(audit_may_read(request.user)),
    }
