"""The score tree over the API: GET /api/v1/scores/?cycle=ID[&unit=ID]."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from digiorg.cycles.permissions import cycles_visible
from digiorg.org.permissions import units_visible

from .permissions import figures_unit
from .selectors import score_document


class ScoresView(APIView):
    """Overall, each dimension and each topic: self-assessed and verified scores (0-100),
    readiness levels and progress, for the department or one unit and the units below it.
    Coordinators and members asking for the department get their own unit's (see `unit`)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("cycle", int, required=True),
            OpenApiParameter("unit", int, required=False),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        cycle_id, unit_id = (
            request.query_params.get("cycle", ""),
            request.query_params.get("unit", ""),
        )
        if not cycle_id.isdigit():
            raise ValidationError({"cycle": [_("Give the cycle id: ?cycle=ID.")]})
        if unit_id and not unit_id.isdigit():
            raise ValidationError({"unit": [_("The unit must be an id.")]})
        cycle = cycles_visible(request.user).select_related("framework").filter(pk=cycle_id).first()
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
        return Response(score_document(cycle, figures_unit(request.user, cycle, unit)))
