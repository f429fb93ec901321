from allauth.account.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from digiorg.api.filters import BoolFilter, FilterSet, IdFilter
from digiorg.api.idempotency import idempotent
from digiorg.api.schema import ErrorSerializer
from digiorg.core.api import raise_for_service, update_versioned
from digiorg.core.errors import ValidationFailed
from digiorg.org.permissions import organizations_managed

from . import services
from .middleware import mfa_required
from .models import Membership, User
from .permissions import user_may_manage, users_visible
from .roles import Role


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "unit", "role"]


class UserSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id", "username", "name", "email", "preferred_language", "is_active", "organization",
            "memberships", "version",
        ]  # fmt: skip
        read_only_fields = ["organization", "version"]


class UserChangeSerializer(UserSerializer):
    """Send the `version` you read."""

    version = serializers.IntegerField()
    update_required = ("version",)


class UserFilter(FilterSet):
    unit = IdFilter(field_name="memberships__unit", distinct=True)
    is_active = BoolFilter()
    role = filters.ChoiceFilter(field_name="memberships__role", choices=Role.choices, distinct=True)

    class Meta:
        model = User
        fields = ["is_active", "unit", "role"]


class UserViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """People the caller may see. Administrators of the department may create and edit."""

    filterset_class = UserFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return UserChangeSerializer if self.action == "partial_update" else UserSerializer

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(responses={200: UserSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def get_queryset(self):
        return users_visible(self.request.user).prefetch_related("memberships").order_by("username")

    def perform_create(self, serializer):
        managed = organizations_managed(self.request.user)
        if not managed:
            raise PermissionDenied
        data = serializer.validated_data
        try:
            serializer.instance = services.person_create(
                organization_id=managed[0], username=data["username"], name=data.get("name", ""),
                email=data.get("email", ""), preferred_language=data.get("preferred_language", "th"),
            )  # fmt: skip
        except ValidationFailed as exc:
            raise_for_service(exc)

    def perform_update(self, serializer):
        person = serializer.instance
        update_versioned(
            serializer, services.person_update, allowed=user_may_manage(self.request.user, person)
        )


class TokenRequest(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})
    code = serializers.CharField(
        required=False, allow_blank=True, help_text="TOTP code, when two-factor is on"
    )


class TokenView(APIView):
    """Exchange username (or email) and password, plus a TOTP code when required, for an API token.
    Failed attempts count toward the same lockout as the login page."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=TokenRequest,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            403: ErrorSerializer,  # two-factor required but not set up
            429: ErrorSerializer,  # locked out after repeated failures
        },
    )
    def post(self, request):
        form = TokenRequest(data=request.data)
        form.is_valid(raise_exception=True)
        credentials = {"password": form.validated_data["password"]}
        login = form.validated_data["username"]
        credentials["email" if "@" in login else "username"] = login
        try:
            user = get_adapter(request._request).authenticate(request._request, **credentials)
        except DjangoValidationError as exc:
            return Response(
                {"detail": " ".join(exc.messages)}, status=status.HTTP_429_TOO_MANY_REQUESTS
            )
        if user is None or not user.is_active:
            return Response({"detail": _("The username or password is not correct.")}, status=400)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None and mfa_required(user):
            return Response(
                {"detail": _("Set up two-factor authentication on the website first.")}, status=403
            )
        if totp is not None and not TOTP(totp).validate_code(form.validated_data.get("code", "")):
            return Response(
                {"detail": _("The two-factor code is missing or not correct.")}, status=400
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
