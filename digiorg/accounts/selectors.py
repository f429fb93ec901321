from django.db.models import Prefetch, Q, QuerySet
from rest_framework.authtoken.models import Token

from .models import Membership, User
from .permissions import users_visible


def person_list(user, *, query: str = "", unit=None) -> QuerySet[User]:
    """Visible people with their memberships and units: a fixed number of queries."""
    people = users_visible(user)
    if query:
        people = people.filter(
            Q(username__icontains=query) | Q(name__icontains=query) | Q(email__icontains=query)
        )
    if unit is not None:
        people = people.filter(memberships__unit__path__startswith=unit.path).distinct()
    memberships = Membership.objects.select_related("unit").order_by("unit__path", "role")
    return people.prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="membership_list")
    ).order_by("name", "username")


def token_of(user: User) -> Token | None:
    """The person's API token, if one was issued (it may have expired)."""
    return Token.objects.filter(user=user).first()
