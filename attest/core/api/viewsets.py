"""Base viewsets: every queryset is restricted to what the requesting user may see."""

from django.core.exceptions import PermissionDenied
from rest_framework import mixins, viewsets

WRITE_ACTIONS = {"PUT": "change", "PATCH": "change", "DELETE": "delete"}


class RestrictedViewSetMixin:
    """``queryset`` is the unrestricted base; reads go through ``restrict(user, "view")``.

    An object outside the user's view is a 404; a visible object the user may not change
    is a 403. Services re-check both inside their transaction.
    """

    # An id in the URL is digits, at most 18 (always within a bigint): anything else is a 404
    # from the router, never a lookup that fails converting it (a 500).
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return self.queryset.all().restrict(self.request.user, "view")

    def required_action(self) -> str | None:
        return WRITE_ACTIONS.get(self.request.method)

    def get_object(self):
        return self.get_object_for(self.required_action())

    def get_object_for(self, action: str | None):
        """The URL's object: 404 when hidden, 403 when visible but ``action`` is not allowed."""
        obj = super().get_object()
        if action and not self.queryset.all().restrict(self.request.user, action).filter(pk=obj.pk).exists():
            raise PermissionDenied(f"You can see this {obj._meta.verbose_name} but not {action} it.")
        return obj


class RestrictedModelViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet):
    pass


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class RestrictedCreateReadViewSet(
    RestrictedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    pass
