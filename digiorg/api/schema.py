"""The OpenAPI document tells the truth about errors too: every operation lists the error
answers it can give (400 bad input, 401 no credentials, 403 not allowed, 404 not found or not
yours, 409 conflict on writes, 422 reused Idempotency-Key) and the Idempotency-Key header of the
operations that honour it."""

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from .idempotency import PARAMETER as IDEMPOTENCY_PARAMETER


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(BaseAutoSchema):
    def _handler(self):
        action = getattr(self.view, "action", None)
        return getattr(self.view, action or self.method.lower(), None)

    def is_idempotent(self) -> bool:
        return self.method == "POST" and getattr(self._handler(), "idempotent", False)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.is_idempotent():
            parameters.append(IDEMPOTENCY_PARAMETER)
        return parameters

    def _map_basic_serializer(self, serializer, direction):
        """A serializer's `update_required` fields (the `version` read) are required in PATCH
        although the rest of a PATCH is optional."""
        result = super()._map_basic_serializer(serializer, direction)
        extra = getattr(serializer, "update_required", ())
        if direction == "request" and self.method == "PATCH" and extra:
            result["required"] = sorted({*result.get("required", []), *extra})
        return result

    def _public(self) -> bool:
        return any(p is AllowAny for p in getattr(self.view, "permission_classes", []))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors: dict[str, object] = {"400": OpenApiTypes.OBJECT}
        if not self._public():
            errors |= {"401": ErrorSerializer, "403": ErrorSerializer, "404": ErrorSerializer}
        if self.method in WRITES:
            errors["409"] = ErrorSerializer
        if self.is_idempotent():
            errors["422"] = ErrorSerializer
        for code, body in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code, direction=direction)
        return responses
