"""Self-assessment over the API with the pages' rules: answer, submit, verify or return."""

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action as api_action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from digiorg.api.filters import BIGINT_MAX, FilterSet, IdFilter, modified_since
from digiorg.api.idempotency import idempotent
from digiorg.core.api import raise_for_service
from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.cycles.permissions import cycles_visible
from digiorg.evidence.models import Evidence
from digiorg.org.permissions import units_visible

from . import services
from .models import CriterionAssessment
from .permissions import assessments_visible, may_answer, may_review, may_review_cycle, may_submit

A = CriterionAssessment


class AssessmentSerializer(serializers.ModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="ref", read_only=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    options = serializers.ListField(
        child=serializers.CharField(), read_only=True,
        help_text="Checklist and any_of criteria: the codes of the options in place, in the "
        "framework file's order (empty for other criteria); `result` follows from them.",
    )  # fmt: skip

    class Meta:
        model = A
        fields = [
            "id", "cycle", "criterion", "unit", "scope", "result", "options", "note", "evidence", "status", "baseline",
            "submitted_at", "reviewer", "reviewed_at", "review_comment", "version", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=BIGINT_MAX, **kwargs)


class AnswerSerializer(serializers.Serializer):
    """Change an answer: send the `version` you read."""

    result = serializers.ChoiceField(
        choices=A.Result.choices, required=False,
        help_text="Required for a criterion of kind result. For a checklist or any_of criterion "
        "the result follows from `options` (send not_applicable, or leave it out).",
    )  # fmt: skip
    options = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False,
        help_text="Checklist and any_of criteria: the codes of the options in place (see the "
        "framework file). Left out of a PATCH, the ticks stay as they were. An unknown code is a 400.",
    )  # fmt: skip
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.ListField(child=_id(), required=False, help_text="Evidence ids")
    version = serializers.IntegerField()
    update_required = ("version",)


class AnswerCreateSerializer(AnswerSerializer):
    """Answer a criterion of a cycle for a unit (criterion by ref, within the cycle's framework)."""

    cycle = _id()
    criterion = serializers.CharField(max_length=40, help_text="The criterion's ref, e.g. 2.1-3")
    unit = _id()
    version = None  # type: ignore[assignment]


class AssessmentFilter(FilterSet):
    cycle = IdFilter()
    unit = IdFilter()
    status = filters.ChoiceFilter(choices=A.Status.choices)
    result = filters.ChoiceFilter(choices=A.Result.choices)
    criterion = filters.CharFilter(
        field_name="criterion__ref", max_length=40, label="criterion ref"
    )
    modified_since = modified_since()

    class Meta:
        model = A
        fields = ["cycle", "unit", "status", "result", "criterion", "modified_since"]


class ReviewSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


def _evidence(cycle, ids):
    if ids is None:
        return None
    found = list(Evidence.objects.filter(pk__in=ids, organization_id=cycle.organization_id))
    if len(found) != len(set(ids)):
        raise ValidationError({"evidence": [_("Some of the evidence does not exist.")]})
    return found


class AssessmentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Answers of the units the caller sees. Filters: `cycle`, `unit`, `status`, `criterion`
    (ref). POST creates an answer; PATCH (with `version`) changes it; `submit`, `verify` and
    `return` move it along."""

    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self):
        return (
            assessments_visible(self.request.user)
            .select_related("criterion", "cycle")
            .prefetch_related("evidence")
            .order_by("pk")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return AnswerCreateSerializer
        if self.action == "partial_update":
            return AnswerSerializer
        if self.action in ("verify", "return_"):
            return ReviewSerializer
        return AssessmentSerializer

    def _save(self, *, cycle, criterion, unit, data, version, current=None):
        if not may_answer(self.request.user, unit, cycle):
            raise PermissionDenied
        if criterion.kind == criterion.Kind.RESULT and not data.get("result"):
            raise ValidationError({"result": [_("This field is required.")]})
        options = data.get("options")
        if options is None and current is not None and not data.get("result"):
            options = current.options
        try:
            return services.assessment_save(
                actor=self.request.user, cycle=cycle, criterion=criterion, unit=unit,
                result=data.get("result", ""), options=options, note=data["note"],
                evidence=_evidence(cycle, data.get("evidence")), version=version,
            )  # fmt: skip
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)

    @extend_schema(responses={201: AssessmentSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        form = AnswerCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        cycle = (
            cycles_visible(request.user)
            .select_related("framework")
            .filter(pk=data["cycle"])
            .first()
        )
        unit = units_visible(request.user).filter(pk=data["unit"]).first()
        if cycle is None or unit is None:
            raise ValidationError({"": [_("Unknown cycle or unit.")]})
        criterion = cycle.framework.criteria.filter(ref=data["criterion"], retired=False).first()
        if criterion is None:
            raise ValidationError({"criterion": [_("The criterion is not part of this cycle.")]})
        existing = A.objects.filter(cycle=cycle, criterion=criterion, unit=unit).first()
        if existing is not None:
            raise ValidationError(
                {"": [_("This criterion already has an answer (id %(id)s): change it with PATCH.") % {"id": existing.pk}]}
            )  # fmt: skip
        answer = self._save(cycle=cycle, criterion=criterion, unit=unit, data=data, version=None)
        return Response(AssessmentSerializer(answer).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: AssessmentSerializer})
    def partial_update(self, request, *args, **kwargs):
        current = self.get_object()
        form = AnswerSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if not may_answer(request.user, current.unit, current.cycle, current.status):
            raise PermissionDenied
        answer = self._save(
            cycle=current.cycle, criterion=current.criterion, unit=current.unit, data=data,
            version=data["version"], current=current,
        )  # fmt: skip
        return Response(AssessmentSerializer(answer).data)

    @extend_schema(request=None, responses={200: AssessmentSerializer})
    @api_action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit this answer for verification (the unit's coordinator)."""
        current = self.get_object()
        if not may_submit(request.user, current.unit, current.cycle, current.status):
            raise PermissionDenied
        try:
            services.assessments_submit(
                actor=request.user,
                cycle=current.cycle,
                unit=current.unit,
                criterion=current.criterion,
            )
        except ValidationFailed as exc:
            raise_for_service(exc)
        current.refresh_from_db()
        return Response(AssessmentSerializer(current).data)

    def _review(self, request, verify: bool):
        current = self.get_object()
        if not may_review_cycle(request.user, current.cycle) or not may_review(
            request.user, current
        ):
            raise PermissionDenied
        form = ReviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            answer = services.assessment_review(
                current, actor=request.user, verify=verify, **form.validated_data
            )
        except (ValidationFailed, ConflictError) as exc:
            raise_for_service(exc)
        return Response(AssessmentSerializer(answer).data)

    @extend_schema(request=ReviewSerializer, responses={200: AssessmentSerializer})
    @api_action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """The secretariat verifies a submitted answer (`version` required)."""
        return self._review(request, verify=True)

    @extend_schema(request=ReviewSerializer, responses={200: AssessmentSerializer})
    @api_action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """The secretariat returns an answer with a `comment` (`version` required)."""
        return self._review(request, verify=False)
