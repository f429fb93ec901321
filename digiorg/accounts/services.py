"""Writes on people and memberships. Each in one transaction; the audit log records them."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from digiorg.audit.services import audit_created_many
from digiorg.core.errors import ConflictError, ValidationFailed, require

from .access import access_for
from .authentication import token_expired
from .models import Membership, User
from .permissions import user_may_manage
from .roles import Role

if TYPE_CHECKING:
    from digiorg.org.models import OrgUnit

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


def _any_taken(field: str, values: list[str]) -> bool:
    """Whether any user has one of the lower-cased `values` in `field`, any case."""
    users = User.objects.annotate(lower=Lower(field))
    return any(
        users.filter(lower__in=values[start : start + 1000]).exists()
        for start in range(0, len(values), 1000)
    )


@dataclass(frozen=True)
class NewPerson:
    username: str
    name: str
    unit: "OrgUnit"  # a unit of the department
    role: str
    email: str = ""


@transaction.atomic
def person_create_many(*, actor, organization, people: list[NewPerson]) -> list[User]:
    """Many people of one department at once (an import), each with one membership, without a
    password (they sign in after an administrator sets one); audit entries for both. All or
    nothing."""
    require(access_for(actor).has_role(Role.ADMIN, organization.pk))
    usernames = [p.username.lower() for p in people]
    emails = [p.email.lower() for p in people if p.email]
    if len(set(usernames)) < len(usernames) or _any_taken("username", usernames):
        raise ValidationFailed({"username": _("A username is already taken.")})
    if len(set(emails)) < len(emails) or _any_taken("email", emails):
        raise ValidationFailed({"email": _("An email address is already used.")})
    if any(p.unit.organization_id != organization.pk for p in people):
        raise ValidationFailed({"unit": _("The unit must be in the person's own department.")})
    if any(p.role not in Role.values for p in people):
        raise ValidationFailed({"role": _("Unknown role.")})
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                username=p.username, name=p.name, email=p.email, organization=organization,
                password=unusable,
            )
            for p in people
        ],
        batch_size=1000,
    )  # fmt: skip
    memberships = Membership.objects.bulk_create(
        [
            Membership(user=user, unit=p.unit, role=p.role, organization=organization)
            for user, p in zip(users, people, strict=True)
        ],
        batch_size=1000,
    )
    audit_created_many(actor, users, source="CSV/XLSX")
    audit_created_many(actor, memberships, source="CSV/XLSX")
    return users


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
    deactivated = current.is_active and changes.get("is_active") is False
    for key, value in changes.items():
        setattr(current, key, value)
    current.version += 1
    current.save()
    if deactivated:
        # A person enabled again later must ask for a new token, never get the old one back.
        token_revoke(person=current, actor=None, reason="deactivated")
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


@transaction.atomic
def token_issue(user: User) -> Token:
    """The person's API token: the current one, or a new one when none is valid."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and token_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, person: User, actor: User | None, reason: str = "revoked") -> bool:
    """Delete the person's API token; the audit log records who revoked it. False when the
    person had none."""
    deleted, _rows = Token.objects.filter(user=person).delete()
    if not deleted:
        return False
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(person.pk), object_id=person.pk, object_repr=str(person)[:200],
        action=LogEntry.Action.UPDATE, actor=actor, changes={"api_token": ["issued", reason]},
        additional_data=person.get_additional_data(),
    )  # fmt: skip
    return True
