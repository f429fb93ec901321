"""The score tree over the API: GET /api/v1/scores/?cycle=ID[&unit=ID]."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from digiorg.api.filters import BIGINT_MAX
from digiorg.cycles.permissions import cycles_visible
from digiorg.org.permissions import units_visible

from .permissions import figures_unit
from .selectors import score_document, snapshot_current


class ScoresQuery(serializers.Serializer):
    cycle = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX)
    unit = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX, required=False)


class ScoresView(APIView):
    """Overall, each dimension and each topic: self-assessed and verified scores (0-100),
    readiness levels and progress, for the department or one unit and the units below it.
    Coordinators and members asking for the department get their own unit's (see `unit`).
    Read from the cycle's newest score snapshot while it is current (no refresh due), so the
    work does not grow with the department's answers; computed now otherwise."""

    @extend_schema(parameters=[ScoresQuery], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        query = ScoresQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        cycle_id, unit_id = query.validated_data["cycle"], query.validated_data.get("unit")
        cycle = (
            cycles_visible(request.user)
            .select_related("framework")
            .annotate(**snapshot_current())
            .filter(pk=cycle_id)
            .first()
        )
        if cycle is None:
            raise NotFound
        unit = None
        if unit_id:
            unit = (
                units_visible(request.user)
                .filter(pk=unit_id, organization_id=cycle.organization_id)
                .first()
            )
            if unit is None:
                raise NotFound
        # the newest snapshot unless a refresh is due, as the dashboards read their figures
        stored = cycle.snapshot_taken and not cycle.snapshot_due
        unit = figures_unit(request.user, cycle, unit)
        return Response(score_document(cycle, unit, stored=stored))
