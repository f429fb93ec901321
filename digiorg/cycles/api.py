"""Cycles and assignments over the API: the secretariat opens a fiscal year, moves its phase,
sets deadlines and assigns criteria to units; everyone who sees the cycle reads them."""

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from digiorg.api.filters import FilterSet, IdFilter
from digiorg.api.idempotency import idempotent
from digiorg.core.api import raise_for_service, update_versioned
from digiorg.core.errors import ValidationFailed
from digiorg.frameworks.models import Framework
from digiorg.org.models import OrgUnit

from . import services
from .models import Assignment, Cycle
from .permissions import cycle_may_manage, cycles_visible, organization_managed
from .selectors import assignable_topics, assignable_units, topic_criteria


class CycleSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Cycle
        fields = [
            "id", "organization", "fiscal_year", "framework", "status", "plan_due", "q1_due", "q2_due",
            "q3_due", "q4_due", "assessment_due", "version",
        ]  # fmt: skip
        read_only_fields = ["organization", "fiscal_year", "framework"]


class CycleChangeSerializer(CycleSerializer):
    """Phase and deadlines; `version` (the one read) is required."""

    version = serializers.IntegerField()
    update_required = ("version",)


class CycleOpenSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2560, max_value=2700, help_text="B.E.")
    framework = serializers.SlugRelatedField(slug_field="code", queryset=Framework.objects.all())
    copy_from = serializers.PrimaryKeyRelatedField(
        queryset=Cycle.objects.none(), required=False, allow_null=True,
        help_text="An earlier cycle whose assignments are copied (criteria matched by ref)",
    )  # fmt: skip
    carry_forward = serializers.BooleanField(required=False, default=False)
    plan_due = serializers.DateField(required=False)
    q1_due = serializers.DateField(required=False)
    q2_due = serializers.DateField(required=False)
    q3_due = serializers.DateField(required=False)
    q4_due = serializers.DateField(required=False)
    assessment_due = serializers.DateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["copy_from"].queryset = cycles_visible(request.user)


class CycleFilter(FilterSet):
    fiscal_year = IdFilter(label="fiscal year (B.E.)")
    status = filters.ChoiceFilter(choices=Cycle.Status.choices)
    framework = filters.CharFilter(field_name="framework__code", max_length=50)

    class Meta:
        model = Cycle
        fields = ["fiscal_year", "status", "framework"]


class CycleViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Fiscal-year cycles of the caller's department. The secretariat opens a cycle (POST) and
    changes its phase or deadlines (PATCH with `version`)."""

    filterset_class = CycleFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            cycles_visible(self.request.user).select_related("framework").order_by("-fiscal_year")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return CycleOpenSerializer
        if self.action == "partial_update":
            return CycleChangeSerializer
        return CycleSerializer

    @extend_schema(responses={201: CycleSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        organization_id = organization_managed(request.user)
        if organization_id is None:
            raise PermissionDenied
        form = CycleOpenSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        copy_from = data.pop("copy_from", None)
        if copy_from is not None and copy_from.organization_id != organization_id:
            raise ValidationError({"copy_from": [_("Copy from a cycle of your department.")]})
        try:
            cycle = services.cycle_open(
                organization=OrgUnit.objects.get(pk=organization_id), copy_from=copy_from,
                actor=request.user, **data,
            )  # fmt: skip
        except ValidationFailed as exc:
            raise_for_service(exc)
        return Response(CycleSerializer(cycle).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: CycleSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def perform_update(self, serializer):
        cycle = serializer.instance
        update_versioned(
            serializer,
            services.cycle_update,
            allowed=cycle_may_manage(self.request.user, cycle.organization_id),
        )


class AssignmentSerializer(serializers.ModelSerializer):
    criterion = serializers.CharField(
        source="criterion.ref", max_length=40, help_text="The criterion's ref, e.g. 2.1-3"
    )
    topic = serializers.CharField(source="criterion.node.ref", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "cycle", "criterion", "topic", "unit", "kind"]


class AssignmentBulkSerializer(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.none())
    topics = serializers.ListField(
        child=serializers.CharField(max_length=40), allow_empty=False,
        help_text="Topic refs (e.g. 2.1); their sub-topics come along",
    )  # fmt: skip
    units = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=False)
    kind = serializers.ChoiceField(choices=Assignment.Kind.choices, default=Assignment.Kind.ANSWERS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["cycle"].queryset = cycles_visible(request.user).select_related("framework")


class AssignmentFilter(FilterSet):
    cycle = IdFilter()
    unit = IdFilter()
    criterion = filters.CharFilter(field_name="criterion__ref", max_length=40)
    topic = filters.CharFilter(field_name="criterion__node__ref", max_length=40)
    kind = filters.ChoiceFilter(choices=Assignment.Kind.choices)

    class Meta:
        model = Assignment
        fields = ["cycle", "unit", "criterion", "topic", "kind"]


Counted = inline_serializer("AssignmentCount", {"count": serializers.IntegerField()})


class AssignmentViewSet(
    mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Which unit answers (or leads) which criterion in a cycle. The secretariat adds one
    (POST), adds or removes whole topics for several units (`bulk`, `bulk_remove`) and removes
    one (DELETE)."""

    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter

    def get_queryset(self):
        return (
            Assignment.objects.filter(cycle__in=cycles_visible(self.request.user))
            .select_related("criterion__node", "cycle")
            .order_by("cycle_id", "criterion__position", "unit_id")
        )

    def _managed_cycle(self, cycle: Cycle) -> Cycle:
        if not cycle_may_manage(self.request.user, cycle.organization_id):
            raise PermissionDenied
        return cycle

    def _units(self, cycle: Cycle, ids) -> list[OrgUnit]:
        units = list(assignable_units(self.request.user, cycle).filter(pk__in=ids))
        if len(units) != len(set(ids)):
            raise ValidationError({"units": [_("Choose active units of the cycle's department.")]})
        return units

    @extend_schema(request=AssignmentSerializer, responses={201: AssignmentSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        form = AssignmentSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        cycle = cycles_visible(request.user).filter(pk=data["cycle"].pk).first()
        if cycle is None:
            raise ValidationError({"cycle": [_("Unknown cycle.")]})
        self._managed_cycle(cycle)
        criterion = cycle.framework.criteria.filter(
            ref=data["criterion"]["ref"], retired=False
        ).first()
        if criterion is None:
            raise ValidationError({"criterion": [_("The criterion is not part of this cycle.")]})
        units = self._units(cycle, [data["unit"].pk])
        services.assignments_set(cycle=cycle, criteria=[criterion], units=units, kind=data["kind"])
        assignment = self.get_queryset().get(cycle=cycle, criterion=criterion, unit=units[0])
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        self._managed_cycle(instance.cycle)
        services.assignments_remove(
            cycle=instance.cycle, criteria=[instance.criterion], units=[instance.unit]
        )

    def _bulk(self, request, remove: bool) -> Response:
        form = AssignmentBulkSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        data = form.validated_data
        cycle = self._managed_cycle(data["cycle"])
        nodes = list(assignable_topics(cycle).filter(ref__in=data["topics"]))
        unknown = sorted(set(data["topics"]) - {n.ref for n in nodes})
        if unknown:
            raise ValidationError(
                {"topics": [_("Not topics of this cycle's framework: %(refs)s") % {"refs": ", ".join(unknown)}]}
            )  # fmt: skip
        units = self._units(cycle, data["units"])
        criteria = topic_criteria(nodes)
        if remove:
            count = services.assignments_remove(cycle=cycle, criteria=criteria, units=units)
        else:
            count = services.assignments_set(
                cycle=cycle, criteria=criteria, units=units, kind=data["kind"]
            )
        return Response({"count": count})

    @extend_schema(request=AssignmentBulkSerializer, responses={200: Counted})
    @api_action(detail=False, methods=["post"])
    @idempotent
    def bulk(self, request):
        """Assign every criterion of the given topics to every given unit; `count` is how many
        assignments are new (existing ones take the given kind)."""
        return self._bulk(request, remove=False)

    @extend_schema(request=AssignmentBulkSerializer, responses={200: Counted})
    @api_action(detail=False, methods=["post"], url_path="bulk-remove")
    def bulk_remove(self, request):
        """Remove the given topics' assignments from the given units; `count` is how many."""
        return self._bulk(request, remove=True)
