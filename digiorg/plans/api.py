"""Actions and progress reports over the API, with the pages' access rules."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from digiorg.api.filters import FilterSet, IdFilter, modified_since
from digiorg.api.idempotency import idempotent
from digiorg.core.api import raise_for_service, update_versioned
from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.cycles.permissions import cycles_visible

from . import services
from .models import Action, ProgressReport
from .permissions import (
    action_may_edit,
    actions_visible,
    progress_may_write,
    units_may_plan,
)


class CriterionRefs(serializers.ListField):
    """Criteria by ref (e.g. 2.1-3), always within the action's cycle's framework: refs repeat
    in every year's framework, so a ref alone names no criterion."""

    child = serializers.CharField(min_length=1, max_length=40)

    def to_representation(self, data):
        return [criterion.ref for criterion in data.all()]


class ActionSerializer(serializers.ModelSerializer):
    criteria = CriterionRefs(required=False, help_text="Criterion refs of the cycle's framework")

    class Meta:
        model = Action
        fields = [
            "id", "cycle", "unit", "title", "description", "criteria", "owner", "start_date", "end_date",
            "multi_year", "budget", "budget_source", "kpi", "kpi_target", "kpi_unit", "status", "percent_done", "version",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["status", "percent_done", "version", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["cycle"].queryset = cycles_visible(request.user).select_related("framework")
            self.fields["unit"].queryset = units_may_plan(request.user)

    def validate(self, data):
        start = data.get("start_date", getattr(self.instance, "start_date", None))
        end = data.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": _("The end date is before the start date.")}
            )
        refs = data.get("criteria")
        if refs is not None:
            cycle = data.get("cycle") or self.instance.cycle
            found = {c.ref: c for c in cycle.framework.criteria.filter(ref__in=refs, retired=False)}
            unknown = [ref for ref in refs if ref not in found]
            if unknown:
                raise serializers.ValidationError(
                    {"criteria": _("Not criteria of this cycle's framework: %(refs)s") % {"refs": ", ".join(unknown)}}
                )  # fmt: skip
            data["criteria"] = [found[ref] for ref in dict.fromkeys(refs)]
        return data


class ActionChangeSerializer(ActionSerializer):
    """Send `version` (the one read); cycle and unit do not change."""

    version = serializers.IntegerField()
    update_required = ("version",)

    class Meta(ActionSerializer.Meta):
        read_only_fields = ["cycle", "unit", "status", "percent_done", "updated_at"]


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Action.Status.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class ProgressSerializer(serializers.ModelSerializer):
    submit = serializers.BooleanField(write_only=True, required=False, default=False)
    version = serializers.IntegerField(
        required=False, help_text="The version read, when changing an existing report"
    )

    class Meta:
        model = ProgressReport
        fields = [
            "id", "quarter", "percent_done", "narrative", "problems", "help_needed", "spent", "evidence_links",
            "status", "submitted_at", "reviewed_at", "review_comment", "version", "submit",
        ]  # fmt: skip
        read_only_fields = ["status", "submitted_at", "reviewed_at", "review_comment"]
        validators: list = []


class ActionFilter(FilterSet):
    cycle = IdFilter()
    unit = IdFilter()
    status = filters.ChoiceFilter(choices=Action.Status.choices)
    criterion = filters.CharFilter(
        field_name="criteria__ref", max_length=40, distinct=True, label="criterion ref"
    )
    modified_since = modified_since()

    class Meta:
        model = Action
        fields = ["cycle", "unit", "status", "criterion", "modified_since"]


class ActionViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Actions the caller may see. Coordinators and members of the unit create and edit drafts;
    `transition` moves an action along the status flow; `progress` lists or saves quarterly reports."""

    filterset_class = ActionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            actions_visible(self.request.user)
            .select_related("cycle__framework")
            .prefetch_related("criteria")
            .order_by("pk")
        )

    def get_serializer_class(self):
        if self.action == "partial_update":
            return ActionChangeSerializer
        return ActionSerializer

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        try:
            serializer.instance = services.action_create(
                actor=self.request.user, **serializer.validated_data
            )
        except ValidationFailed as exc:
            raise_for_service(exc)

    @extend_schema(responses={200: ActionSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def perform_update(self, serializer):
        action = serializer.instance
        update_versioned(
            serializer,
            lambda obj, **kw: services.action_update(obj, actor=self.request.user, **kw),
            allowed=action_may_edit(self.request.user, action),
        )

    @extend_schema(request=TransitionSerializer, responses={200: ActionSerializer})
    @api_action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        action = self.get_object()
        form = TransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            action = services.action_transition(action, actor=request.user, **form.validated_data)
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)
        action = self.get_queryset().get(pk=action.pk)
        return Response(ActionSerializer(action, context={"request": request}).data)

    @extend_schema(methods=["GET"], request=None, responses={200: ProgressSerializer(many=True)})
    @extend_schema(
        methods=["POST"], request=ProgressSerializer, responses={201: ProgressSerializer}
    )
    @api_action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    @idempotent
    def progress(self, request, pk=None):
        """GET: the action's quarterly reports. POST: save the report of a quarter (created, or
        changed with `version`); `submit` also submits it (the unit's coordinator)."""
        action = self.get_object()
        if request.method == "GET":
            return Response(ProgressSerializer(action.progress_reports.all(), many=True).data)
        if not progress_may_write(request.user, action):
            raise PermissionDenied
        form = ProgressSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        try:  # save and submit together, both checked before anything is written
            report = services.progress_save(
                action, actor=request.user, version=data.pop("version", None), **data
            )
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)
        report = get_object_or_404(ProgressReport, pk=report.pk)
        return Response(ProgressSerializer(report).data, status=status.HTTP_201_CREATED)
