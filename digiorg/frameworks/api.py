"""Framework library API. Frameworks are library data every signed-in user may read; the
secretariat uploads a new year's file (or a newer version of a loaded one)."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import parsers, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from digiorg.api.filters import FilterSet, IdFilter
from digiorg.api.idempotency import idempotent

from .loader import FrameworkFileError, parse_framework_bytes
from .models import Criterion, CriterionOption, Framework, FrameworkNode
from .permissions import framework_may_load
from .selectors import framework_list, framework_nodes
from .services import framework_load


class FrameworkSerializer(serializers.ModelSerializer):
    node_count = serializers.IntegerField(read_only=True)
    criterion_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Framework
        fields = [
            "id", "urn", "code", "version", "fiscal_year", "title_th", "title_en",
            "provider_th", "provider_en", "node_count", "criterion_count",
        ]  # fmt: skip


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CriterionOption
        fields = ["code", "label_th", "label_en"]


class CriterionSerializer(serializers.ModelSerializer):
    options = OptionSerializer(
        many=True, source="active_options", read_only=True,
        help_text="Checklist and any_of criteria: the options an answer ticks (empty otherwise).",
    )  # fmt: skip

    class Meta:
        model = Criterion
        fields = [
            "id", "urn", "ref", "text_th", "text_en", "scope", "weight",
            "evidence_hint_th", "evidence_hint_en", "references", "kind", "min_options", "options",
        ]  # fmt: skip


class NodeSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.ref", default=None, read_only=True)
    criteria = CriterionSerializer(many=True, source="active_criteria", read_only=True)

    class Meta:
        model = FrameworkNode
        fields = [
            "id", "urn", "ref", "parent", "kind", "title_th", "title_en",
            "guidance_th", "guidance_en", "references", "criteria",
        ]  # fmt: skip


class FrameworkDetailSerializer(FrameworkSerializer):
    nodes = serializers.SerializerMethodField()

    class Meta(FrameworkSerializer.Meta):
        fields = [
            *FrameworkSerializer.Meta.fields,
            "description_th",
            "description_en",
            "levels",
            "nodes",
        ]

    def get_nodes(self, framework: Framework) -> list[dict]:
        return NodeSerializer(framework_nodes(framework), many=True).data


class FrameworkUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A framework library file (YAML or JSON, UTF-8)")


class FrameworkLoadedSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["created", "upgraded", "unchanged"])
    nodes = serializers.IntegerField()
    criteria = serializers.IntegerField()
    retired = serializers.IntegerField()
    framework = FrameworkSerializer()


class FrameworkFilter(FilterSet):
    fiscal_year = IdFilter(label="fiscal year (B.E.)")

    class Meta:
        model = Framework
        fields = ["code", "fiscal_year", "urn"]


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Frameworks loaded into digiorg (each with its version); one framework with its whole tree
    by its code. POST uploads a file, checked exactly as `digiorg load_framework` checks it: a
    file with problems answers 400 with every problem (file, node, problem) and loads nothing."""

    lookup_field = "code"
    lookup_value_regex = "[a-z0-9-]+"
    filterset_class = FrameworkFilter
    parser_classes = [parsers.MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": FrameworkUploadSerializer},
        responses={201: FrameworkLoadedSerializer, 200: FrameworkLoadedSerializer},
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        if not framework_may_load(request.user):
            raise PermissionDenied
        form = FrameworkUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        if upload.size > settings.DIGIORG_IMPORT_MAX_BYTES:
            raise ValidationError({"file": [_("The file is too large.")]})
        try:
            result = framework_load(
                parse_framework_bytes(upload.read(), upload.name),
                filename=upload.name,
                actor=request.user,
            )
        except FrameworkFileError as exc:
            raise ValidationError({"file": exc.errors}) from exc
        framework = framework_list().get(pk=result.framework.pk)
        body = {
            "outcome": result.outcome, "nodes": result.nodes, "criteria": result.criteria,
            "retired": result.retired, "framework": FrameworkSerializer(framework).data,
        }  # fmt: skip
        code = status.HTTP_200_OK if result.outcome == "unchanged" else status.HTTP_201_CREATED
        return Response(body, status=code)

    def get_queryset(self):
        return framework_list()

    def get_serializer_class(self):
        return FrameworkDetailSerializer if self.action == "retrieve" else FrameworkSerializer

    def get_object(self):
        framework = self.get_queryset().filter(code=self.kwargs["code"]).first()
        if framework is None:
            raise Http404
        return framework
