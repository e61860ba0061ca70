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
