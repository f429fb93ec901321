"""Evidence over the API: list and read what the caller may see, upload (multipart) a file or
a link, change details with a version, add a revision, download."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import mixins, parsers, serializers, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from digiorg.core.api import raise_for_service, update_versioned
from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.frameworks.models import Criterion
from digiorg.plans.models import Action
from digiorg.plans.permissions import actions_visible

from . import services
from .models import Evidence, EvidenceRevision
from .permissions import evidence_may_edit, evidence_visible, units_may_hold
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
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Evidence
        fields = [
            "id", "unit", "kind", "title", "description", "url", "effective_date", "expiry_date", "expired",
            "criteria", "criterion_refs", "actions", "file", "current", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

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


class RevisionUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    version = serializers.IntegerField()


class EvidenceViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Evidence of the units the caller sees. Upload as multipart/form-data: `unit`, `kind`
    (file or link), `title`, `file` or `url`, optional dates and `criteria`/`actions` ids.
    Filters: `unit`, `criterion` (id), `kind`, `expiry` (soon or expired)."""

    serializer_class = EvidenceSerializer
    parser_classes = [parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser]

    def get_queryset(self):
        items = (
            evidence_visible(self.request.user)
            .select_related("current")
            .prefetch_related("criteria", "actions")
            .order_by("pk")
        )
        params = self.request.query_params
        if params.get("unit", "").isdigit():
            items = items.filter(unit_id=params["unit"])
        if params.get("criterion", "").isdigit():
            items = items.filter(criteria=params["criterion"])
        if params.get("kind") in Evidence.Kind.values:
            items = items.filter(kind=params["kind"])
        today = timezone.localdate()
        if params.get("expiry") == "expired":
            items = items.filter(expiry_date__lt=today)
        return items

    def _refuse_large(self):
        if upload_too_large(self.request):
            raise ValidationError({"file": [upload_cap_message()]})

    def perform_create(self, serializer):
        self._refuse_large()
        data = dict(serializer.validated_data)
        data.pop("version", None)
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

    @api_action(detail=True, methods=["post"], serializer_class=RevisionUploadSerializer)
    def revisions(self, request, pk=None):
        """Upload a new file (`file`, `version`): it becomes the current revision."""
        evidence = self.get_object()
        if not evidence_may_edit(request.user, evidence):
            raise PermissionDenied
        self._refuse_large()
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("Choose a file to upload.")]})
        try:
            version = int(request.data.get("version", ""))
        except ValueError as exc:
            raise ValidationError(
                {"version": [_("Send the version you read, to detect conflicts.")]}
            ) from exc
        try:
            revision = services.evidence_revise(
                evidence, actor=request.user, upload=upload, version=version
            )
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)
        return Response(RevisionSerializer(revision).data, status=201)

    @api_action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The current file, as an attachment."""
        return evidence_download(request._request, pk)
