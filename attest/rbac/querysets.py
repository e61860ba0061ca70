"""The one door for reads on a user's behalf: ``Model.objects.restrict(user, action)``.

Each model states its rule in ``access_scope(user, action)``, returning ``ALL``, ``NONE``
or a ``Q`` built from subqueries, so a restricted queryset stays one SQL query. Models
that hang off an asset inherit its access through ``InheritsAccess``.
"""

from django.db import models

ALL = object()
NONE = object()


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view"):
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        scope = self.model.access_scope(user, action)
        if scope is ALL:
            return self
        if scope is NONE:
            return self.none()
        return self.filter(scope)


class InheritsAccess:
    """Mixin for models whose access is that of a parent (``access_parent = "asset"``)."""

    access_parent: str = "asset"
    # Actions on the child mapped to the action needed on the parent.
    access_action_map: dict[str, str] = {"view": "view", "add": "change", "change": "change", "delete": "change"}

    @classmethod
    def access_scope(cls, user, action: str):
        parent_model = cls._meta.get_field(cls.access_parent).related_model
        parent_action = cls.access_action_map.get(action)
        if parent_action is None:
            return NONE
        visible = parent_model.objects.restrict(user, parent_action).values("pk")
        return models.Q(**{f"{cls.access_parent}__in": visible})
