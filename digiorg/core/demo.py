"""The demo department's data. Every step is idempotent: running the demo twice is safe."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from digiorg.frameworks.loader import parse_framework
from digiorg.frameworks.services import LIBRARY_DIR, framework_load

DEMO_USERS = [
    # username, name, superuser
    ("admin", "ผู้ดูแลระบบ (Administrator)", True),
]


@transaction.atomic
def demo_prepare(say: Callable[[str], None] = print) -> None:
    for path in sorted(LIBRARY_DIR.glob("*.yaml")):
        result = framework_load(parse_framework(path), filename=path.name)
        say(f"framework {result.framework.code} v{result.framework.version}: {result.outcome}")
    User = get_user_model()
    for username, name, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"name": name, "is_staff": superuser, "is_superuser": superuser},
        )
        if created:
            user.set_password(settings.DIGIORG_DEMO_PASSWORD)
            user.save()
