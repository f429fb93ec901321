"""Writes on people and memberships. Each in one transaction; the audit log records them."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from digiorg.core.errors import ConflictError, ValidationFailed, require

from .access import access_for
from .models import Membership, User
from .permissions import user_may_manage
from .roles import Role

# `actor` is the acting person; None is the platform itself (a command, a seeder, a test's
# setup), which is trusted. Views and the API always pass the person.


def _check_unique(username: str, email: str, exclude_pk: int | None = None) -> None:
    others = User.objects.exclude(pk=exclude_pk) if exclude_pk else User.objects.all()
    if others.filter(username__iexact=username).exists():
        raise ValidationFailed(
            {"username": _("Username %(name)s is already taken.") % {"name": username}}
        )
    if email and others.filter(email__iexact=email).exists():
        raise ValidationFailed({"email": _("Email %(email)s is already used.") % {"email": email}})


@transaction.atomic
def person_create(
    *, organization=None, organization_id=None, username: str, name: str, email: str = "", password: str | None = None,
    preferred_language: str = "th", actor=None,
) -> User:  # fmt: skip
    """A person of a department. Without a password they sign in after an administrator sets one."""
    organization_id = organization.pk if organization is not None else organization_id
    require(
        actor is None
        or (organization_id is not None and access_for(actor).has_role(Role.ADMIN, organization_id))
    )
    _check_unique(username, email)
    user = User(
        username=username, name=name, email=email, preferred_language=preferred_language,
        organization_id=organization_id,
    )  # fmt: skip
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed({"password": " ".join(exc.messages)}) from exc
    user.set_password(password)  # None gives an unusable password
    user.save()
    return user


@transaction.atomic
def person_update(person: User, *, version: int, actor=None, **changes) -> User:
    current = User.objects.select_for_update().get(pk=person.pk)
    require(actor is None or user_may_manage(actor, current))
    if current.version != version:
        raise ConflictError(
            _(
                "Someone else changed this person after you opened the page. Reload to see their change."
            )
        )
    _check_unique(
        changes.get("username", current.username), changes.get("email", current.email), current.pk
    )
    for key, value in changes.items():
        setattr(current, key, value)
    current.version += 1
    current.save()
    return current


@transaction.atomic
def membership_add(*, user: User, unit, role: str, actor=None) -> Membership:
    require(actor is None or user_may_manage(actor, user))
    if unit.organization_id != user.organization_id:
        raise ValidationFailed({"unit": _("The unit must be in the person's own department.")})
    membership, _created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"organization_id": unit.organization_id}
    )
    return membership


@transaction.atomic
def membership_remove(membership: Membership, *, actor=None) -> None:
    require(actor is None or user_may_manage(actor, membership.user))
    membership.delete()
