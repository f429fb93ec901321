"""Django's own strings whose Thai translation we replace (kept here so makemessages keeps them)."""

from django.utils.translation import gettext_noop

gettext_noop(
    "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."
)
gettext_noop("This account is inactive.")
