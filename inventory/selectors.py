"""Reads on a user's behalf. Everything here starts from a restricted queryset."""

from attest.auditlog.models import AuditEvent

from .models import Asset, AssetRelation


def assets_visible_to(user, action: str = "view"):
    return Asset.objects.restrict(user, action).select_related("team", "owner")


def asset_lineage(*, user, asset: Asset) -> tuple[list[AssetRelation], list[AssetRelation]]:
    """Relations out of and into ``asset`` whose other end the user can also see."""
    relations = AssetRelation.objects.restrict(user, "view").select_related("source", "target")
    outgoing = list(relations.filter(source=asset).order_by("type", "target__name"))
    incoming = list(relations.filter(target=asset).order_by("type", "source__name"))
    return outgoing, incoming


def asset_history(*, user, asset: Asset, limit: int = 50):
    return AuditEvent.objects.restrict(user, "view").filter(asset_id=asset.pk).select_related("actor")[:limit]


def asset_grants(*, asset: Asset) -> list[dict]:
    """Per-asset grants (sharing, auditor engagements, integrations). Callers check the right to see them."""
    from .models import AssetUserObjectPermission

    rows = (AssetUserObjectPermission.objects.filter(content_object=asset)
            .values("user_id", "user__username", "user__role", "permission__codename")
            .order_by("user__username", "permission__codename"))
    return [{"user": r["user_id"], "username": r["user__username"], "role": r["user__role"],
             "permission": r["permission__codename"]} for r in rows]
