from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from digiorg.api.filters import BoolFilter, FilterSet, IdFilter
from digiorg.api.idempotency import idempotent
from digiorg.core.api import raise_for_service, update_versioned
from digiorg.core.errors import ValidationFailed

from . import services
from .models import OrgUnit
from .permissions import unit_may_edit, unit_may_manage, units_visible


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.none(), allow_null=False)

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name_th",
            "name_en",
            "kind",
            "parent",
            "organization",
            "is_active",
            "version",
        ]
        read_only_fields = ["organization", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["parent"].queryset = units_visible(request.user)

    def validate_kind(self, kind: str) -> str:
        if kind in (OrgUnit.Kind.MINISTRY, OrgUnit.Kind.DEPARTMENT):
            raise serializers.ValidationError(
                _("Departments are created by the platform operator.")
            )
        return kind


class UnitChangeSerializer(UnitSerializer):
    """Send the `version` you read."""

    version = serializers.IntegerField()
    update_required = ("version",)


class UnitFilter(FilterSet):
    parent = IdFilter()
    kind = filters.ChoiceFilter(choices=OrgUnit.Kind.choices)
    is_active = BoolFilter()

    class Meta:
        model = OrgUnit
        fields = ["code", "kind", "parent", "is_active"]


class UnitViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Units the caller may see. Administrators of the department may create and edit."""

    filterset_class = UnitFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return UnitChangeSerializer if self.action == "partial_update" else UnitSerializer

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(responses={200: UnitSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def get_queryset(self):
        return units_visible(self.request.user).order_by("path")

    def perform_create(self, serializer):
        data = serializer.validated_data
        if not unit_may_manage(self.request.user, data["parent"]):
            raise PermissionDenied
        try:
            serializer.instance = services.unit_create(
                parent=data["parent"], kind=data["kind"], code=data["code"],
                name_th=data["name_th"], name_en=data.get("name_en", ""), actor=self.request.user,
            )  # fmt: skip
        except ValidationFailed as exc:
            raise_for_service(exc)

    def perform_update(self, serializer):
        unit = serializer.instance
        update_versioned(
            serializer,
            lambda obj, **kw: services.unit_update(obj, actor=self.request.user, **kw),
            allowed=unit_may_edit(self.request.user, unit),
        )
