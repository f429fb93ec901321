from allauth.account.adapter import get_adapter
from allauth.mfa.base.internal.flows import check_rate_limit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
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
from .authentication import token_expires_at
from .middleware import mfa_required
from .models import Membership, User
from .permissions import token_may_revoke, user_may_manage, users_visible
from .roles import Role

ERROR = OpenApiResponse(ErrorSerializer, description="Refused.")


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
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

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
                actor=self.request.user,
            )  # fmt: skip
        except ValidationFailed as exc:
            raise_for_service(exc)

    def perform_update(self, serializer):
        person = serializer.instance
        update_versioned(
            serializer,
            lambda obj, **kw: services.person_update(obj, actor=self.request.user, **kw),
            allowed=user_may_manage(self.request.user, person),
        )

    @extend_schema(
        request=None,
        responses={
            204: OpenApiResponse(description="The person's API token is revoked (or had none)."),
            401: OpenApiResponse(ERROR.response, description="No valid token or session."),
            403: OpenApiResponse(
                ERROR.response,
                description="Neither the person nor an administrator of their department.",
            ),
            404: OpenApiResponse(
                ERROR.response, description="No such person among those the caller sees."
            ),
        },
    )
    @action(detail=True, methods=["delete"], url_path="token")
    def token(self, request, pk=None):
        """Revoke a person's API token: the person, or an administrator of their department."""
        person = self.get_object()
        if not token_may_revoke(request.user, person):
            raise PermissionDenied
        services.token_revoke(person=person, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenRequest(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})
    code = serializers.CharField(
        required=False, allow_blank=True, help_text="TOTP code, when two-factor is on"
    )


TOKEN_REFUSED = inline_serializer(
    "TokenRefused",
    {
        "detail": serializers.CharField(required=False, help_text="Wrong password or code."),
        **{
            name: serializers.ListField(
                child=serializers.CharField(), required=False, help_text="Field errors."
            )
            for name in ("username", "password", "code")
        },
    },
)
TOKEN = inline_serializer(
    "Token", {"token": serializers.CharField(), "expires": serializers.DateTimeField()}
)


class TokenView(APIView):
    """API tokens: issue (POST) and revoke (DELETE)."""

    def _posting(self) -> bool:
        return getattr(self.request, "method", None) == "POST"

    def get_permissions(self):
        return [AllowAny()] if self._posting() else super().get_permissions()

    def get_authenticators(self):
        return [] if self._posting() else super().get_authenticators()

    @extend_schema(
        description=(
            "Exchange username (or e-mail) and password, plus a TOTP code when two-factor is on, "
            "for an API token that expires after DIGIORG_TOKEN_DAYS days. Wrong passwords count "
            "toward the same lockout as the login page, wrong codes toward that of its two-factor "
            "step, both per person (whichever name was typed) and per address."
        ),
        request=TokenRequest,
        responses={
            200: TOKEN,
            400: OpenApiResponse(
                TOKEN_REFUSED, description="Missing fields, wrong password or code."
            ),
            403: OpenApiResponse(
                ERROR.response, description="Two-factor must be set up on the website first."
            ),
            429: OpenApiResponse(
                ERROR.response, description="Too many failed attempts: locked for a while."
            ),
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
            return _locked(exc)
        if user is None or not user.is_active:
            return Response({"detail": _("The username or password is not correct.")}, status=400)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None and mfa_required(user):
            return Response(
                {"detail": _("Set up two-factor authentication on the website first.")}, status=403
            )
        if totp is not None:
            try:  # the same per-person counter as the website's two-factor step
                clear_failures = check_rate_limit(user)
            except DjangoValidationError as exc:
                return _locked(exc)
            if not TOTP(totp).validate_code(form.validated_data.get("code", "")):
                return Response(
                    {"detail": _("The two-factor code is missing or not correct.")}, status=400
                )
            clear_failures()
        token = services.token_issue(user)
        return Response({"token": token.key, "expires": token_expires_at(token)})

    @extend_schema(
        description="Revoke the token this request is made with; ask for a new one to go on.",
        request=None,
        responses={
            204: OpenApiResponse(description="The token used for this request no longer works."),
            400: OpenApiResponse(
                ERROR.response, description="The request was not made with a token."
            ),
            401: OpenApiResponse(ERROR.response, description="No valid token or session."),
            403: OpenApiResponse(
                ERROR.response, description="Session request without a CSRF token."
            ),
        },
    )
    def delete(self, request):
        if request.auth is None:
            return Response(
                {"detail": _("Send the token to revoke in the Authorization header.")}, status=400
            )
        services.token_revoke(person=request.user, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _locked(exc: DjangoValidationError) -> Response:
    return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_429_TOO_MANY_REQUESTS)
