from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.INT)
class RestrictedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related id resolved through ``restrict(user, action)``: ids the user cannot see do not exist."""

    default_error_messages = {
        "does_not_exist": "There is no {model} with id {pk_value} that you can use.",
    }

    def __init__(self, *, model, action: str = "view", **kwargs):
        self.model = model
        self.action = action
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.model.objects.restrict(user, self.action)

    def fail(self, key, **kwargs):
        if key == "does_not_exist":
            kwargs["model"] = self.model._meta.verbose_name
        return super().fail(key, **kwargs)


class CodeRelatedField(serializers.SlugRelatedField):
    """A related object named by a text field (a control's ``code``): text with a NUL character
    is refused as invalid, where PostgreSQL would fail on it in the lookup (a 5xx)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)
