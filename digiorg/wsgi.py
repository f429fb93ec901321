import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digiorg.settings")
application = get_wsgi_application()


def _refuse_the_demo_key() -> None:
    """The site is never served on the published demo key, except by `digiorg demo` (which
    sets DIGIORG_DEMO) and in debug mode on a developer's machine."""
    from django.conf import settings

    demo = os.environ.get("DIGIORG_DEMO") == "1"
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY and not (settings.DEBUG or demo):
        raise ImproperlyConfigured(
            "Set DIGIORG_SECRET_KEY (a long random string) to serve digiorg; "
            "`digiorg demo` or DIGIORG_DEBUG=1 run on the demo key."
        )


_refuse_the_demo_key()
