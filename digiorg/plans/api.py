"""Cycles, actions and progress reports over the API, with the pages' access rules."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from digiorg.core.api import raise_for_service, update_versioned
from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.cycles.models import Cycle
from digiorg.cycles.permissions import cycles_visible
from digiorg.frameworks.models import Criterion

from . import services
from .models import Action, ProgressReport
from .permissions import (
    action_may_edit,
    actions_visible,
    progress_may_write,
    units_may_plan,
)


class CycleSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Cycle
        fields = [
            "id", "organization", "fiscal_year", "framework", "status", "plan_due", "q1_due", "q2_due",
            "q3_due", "q4_due", "assessment_due", "version",
        ]  # fmt: skip


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Fiscal-year cycles of the caller's department."""

    serializer_class = CycleSerializer

    def get_queryset(self):
        return (
            cycles_visible(self.request.user).select_related("framework").order_by("-fiscal_year")
        )


class ActionSerializer(serializers.ModelSerializer):
    criteria = serializers.SlugRelatedField(
        slug_field="ref", many=True, queryset=Criterion.objects.none(), required=False
    )
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Action
        fields = [
            "id", "cycle", "unit", "title", "description", "criteria", "owner", "start_date", "end_date",
            "budget", "budget_source", "kpi", "kpi_target", "kpi_unit", "status", "percent_done", "version",
        ]  # fmt: skip
        read_only_fields = ["status", "percent_done"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["cycle"].queryset = cycles_visible(request.user)
            self.fields["unit"].queryset = units_may_plan(request.user)
            self.fields["criteria"].child_relation.queryset = Criterion.objects.filter(
                retired=False
            )

    def validate(self, data):
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": _("The end date is before the start date.")}
            )
        return data


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Action.Status.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class ProgressSerializer(serializers.ModelSerializer):
    submit = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = ProgressReport
        fields = [
            "id", "quarter", "percent_done", "narrative", "problems", "help_needed", "spent", "evidence_links",
            "status", "submitted_at", "reviewed_at", "review_comment", "version", "submit",
        ]  # fmt: skip
        read_only_fields = ["status", "submitted_at", "reviewed_at", "review_comment", "version"]
        validators: list = []


class ActionViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Actions the caller may see. Coordinators and members of the unit create and edit drafts;
    `transition` moves an action along the status flow; `progress` lists or saves quarterly reports."""

    serializer_class = ActionSerializer

    def get_queryset(self):
        actions = actions_visible(self.request.user).prefetch_related("criteria").order_by("pk")
        for key in ("cycle", "unit", "status"):
            if self.request.query_params.get(key):
                actions = actions.filter(**{key: self.request.query_params[key]})
        return actions

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        try:
            serializer.instance = services.action_create(actor=self.request.user, **data)
        except ValidationFailed as exc:
            raise_for_service(exc)

    def perform_update(self, serializer):
        action = serializer.instance
        serializer.validated_data.pop("unit", None)
        serializer.validated_data.pop("cycle", None)
        update_versioned(
            serializer,
            lambda obj, **kw: services.action_update(obj, actor=self.request.user, **kw),
            allowed=action_may_edit(self.request.user, action),
        )

    @api_action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request, pk=None):
        action = self.get_object()
        form = TransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            action = services.action_transition(action, actor=request.user, **form.validated_data)
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)
        return Response(ActionSerializer(action, context={"request": request}).data)

    @api_action(detail=True, methods=["get", "post"], serializer_class=ProgressSerializer)
    def progress(self, request, pk=None):
        action = self.get_object()
        if request.method == "GET":
            return Response(ProgressSerializer(action.progress_reports.all(), many=True).data)
        if not progress_may_write(request.user, action):
            raise PermissionDenied
        form = ProgressSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            report = services.progress_save(
                action, actor=request.user, version=request.data.get("version"),
                **form.validated_data,
            )  # fmt: skip
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)
        report = get_object_or_404(ProgressReport, pk=report.pk)
        return Response(ProgressSerializer(report).data, status=status.HTTP_201_CREATED)
