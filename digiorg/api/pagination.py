from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 by default; `page_size` up to 500 for integrations that sync whole lists.
    A `page` or `page_size` that is not a whole number in range answers 400 (not a silent
    default); a page past the last answers 404."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def _number(self, request, name: str, maximum: int | None = None) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1 or (maximum is not None and value > maximum):
            limit = f"1-{maximum}" if maximum else "1 or more"
            raise ValidationError(
                {name: [_("Give a whole number (%(range)s).") % {"range": limit}]}
            )
        return value

    def get_page_size(self, request):
        return self._number(request, "page_size", self.max_page_size) or self.page_size

    def get_page_number(self, request, paginator):
        return self._number(request, "page") or 1

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == "page_size":
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
