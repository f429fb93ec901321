"""Evidence over the API: list and read what the caller may see, upload (multipart) a file or
a link, change details with a version, add a revision, download."""

from django.urls import reverse
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, parsers, serializers, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from digiorg.api.filters import FilterSet, IdFilter, modified_since
from digiorg.api.idempotency import idempotent
from digiorg.core.api import raise_for_service, update_versioned
from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.frameworks.models import Criterion
from digiorg.plans.models import Action
from digiorg.plans.permissions import actions_visible

from . import services
from .models import Evidence, EvidenceRevision
from .permissions import evidence_may_edit, evidence_visible, units_may_hold
from .selectors import evidence_by_expiry
from .uploads import upload_cap_message, upload_too_large
from .views import evidence_download


class RevisionSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceRevision
        fields = [
            "id",
            "number",
            "name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "download",
        ]

    def get_download(self, revision) -> str:
        return reverse("evidence:revision-download", args=[revision.pk])


class EvidenceSerializer(serializers.ModelSerializer):
    criteria = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Criterion.objects.filter(retired=False), required=False
    )
    criterion_refs = serializers.SerializerMethodField()
    actions = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Action.objects.none(), required=False
    )
    file = serializers.FileField(write_only=True, required=False)
    current = RevisionSerializer(read_only=True)
    expired = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id", "unit", "kind", "title", "description", "url", "effective_date", "expiry_date", "expired",
            "criteria", "criterion_refs", "actions", "file", "current", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["version", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["unit"].queryset = units_may_hold(request.user)
            self.fields["actions"].child_relation.queryset = actions_visible(request.user)

    def get_criterion_refs(self, evidence) -> list[str]:
        return [c.ref for c in evidence.criteria.all()]

    def get_expired(self, evidence) -> bool:
        return evidence.is_expired(timezone.localdate())


class EvidenceChangeSerializer(EvidenceSerializer):
    """Change the details (not the unit, kind or file): send the `version` you read."""

    version = serializers.IntegerField()
    update_required = ("version",)

    class Meta(EvidenceSerializer.Meta):
        read_only_fields = ["unit", "kind", "created_at", "updated_at"]


class RevisionUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    version = serializers.IntegerField()


class EvidenceFilter(FilterSet):
    unit = IdFilter()
    criterion = IdFilter(field_name="criteria", distinct=True, label="criterion id")
    criterion_ref = filters.CharFilter(
        field_name="criteria__ref", max_length=40, distinct=True,
        label="criterion ref (any year's framework; evidence can prove several years)",
    )  # fmt: skip
    kind = filters.ChoiceFilter(choices=Evidence.Kind.choices)
    expiry = filters.ChoiceFilter(
        choices=[("expired", "expired"), ("soon", "soon")],
        method="by_expiry",
        label="expired, or expiring within the warning days",
    )
    modified_since = modified_since()

    class Meta:
        model = Evidence
        fields = ["unit", "criterion", "criterion_ref", "kind", "expiry", "modified_since"]

    def by_expiry(self, queryset, name, value):
        return evidence_by_expiry(queryset, value)


class EvidenceViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Evidence of the units the caller sees. Upload as multipart/form-data: `unit`, `kind`
    (file or link), `title`, `file` or `url`, optional dates and `criteria`/`actions` ids.
    Filters: `unit`, `criterion` (id), `kind`, `expiry` (soon or expired)."""

    filterset_class = EvidenceFilter
    parser_classes = [parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            evidence_visible(self.request.user)
            .select_related("current")
            .prefetch_related("criteria", "actions")
            .order_by("pk")
        )

    def get_serializer_class(self):
        if self.action == "partial_update":
            return EvidenceChangeSerializer
        if self.action == "revisions":
            return RevisionUploadSerializer
        return EvidenceSerializer

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @extend_schema(responses={200: EvidenceSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def _refuse_large(self):
        if upload_too_large(self.request):
            raise ValidationError({"file": [upload_cap_message()]})

    def perform_create(self, serializer):
        self._refuse_large()
        data = dict(serializer.validated_data)
        upload = data.pop("file", None)
        try:
            serializer.instance = services.evidence_create(
                actor=self.request.user, upload=upload, **data
            )
        except ValidationFailed as exc:
            raise_for_service(exc)

    def perform_update(self, serializer):
        evidence = serializer.instance
        for key in ("unit", "kind", "file"):
            serializer.validated_data.pop(key, None)
        update_versioned(
            serializer,
            lambda obj, **kw: services.evidence_update(obj, actor=self.request.user, **kw),
            allowed=evidence_may_edit(self.request.user, evidence),
        )

    @extend_schema(request=RevisionUploadSerializer, responses={201: RevisionSerializer})
    @api_action(detail=True, methods=["post"])
    @idempotent
    def revisions(self, request, pk=None):
        """Upload a new file (`file`, `version`): it becomes the current revision."""
        evidence = self.get_object()
        if not evidence_may_edit(request.user, evidence):
            raise PermissionDenied
        self._refuse_large()
        form = RevisionUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            revision = services.evidence_revise(
                evidence, actor=request.user, upload=form.validated_data["file"],
                version=form.validated_data["version"],
            )  # fmt: skip
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)
        return Response(RevisionSerializer(revision).data, status=201)

    @extend_schema(
        responses={(200, "*/*"): OpenApiTypes.BINARY, 404: OpenApiTypes.OBJECT},
        filters=False,
    )
    @api_action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def download(self, request, pk=None):
        """The current file, as an attachment."""
        return evidence_download(request._request, pk)
