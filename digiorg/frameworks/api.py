"""Read-only framework API. Frameworks are library data every signed-in user may read."""

from django.http import Http404
from rest_framework import serializers, viewsets

from .models import Criterion, CriterionOption, Framework, FrameworkNode
from .selectors import framework_list, framework_nodes


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


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Frameworks loaded into digiorg; one framework with its whole tree by its code."""

    lookup_field = "code"
    lookup_value_regex = "[a-z0-9-]+"

    def get_queryset(self):
        return framework_list()

    def get_serializer_class(self):
        return FrameworkDetailSerializer if self.action == "retrieve" else FrameworkSerializer

    def get_object(self):
        framework = self.get_queryset().filter(code=self.kwargs["code"]).first()
        if framework is None:
            raise Http404
        return framework
