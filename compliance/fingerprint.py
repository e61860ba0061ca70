"""What of the inventory under an AI system its classification depends on, and how it changed."""

from django.db.models import Q

from inventory.models import Asset, AssetRelation


def systems_affected_by(asset_ids: list[int]):
    """The systems among ``asset_ids``, and the systems those assets are (or feed) components of."""
    direct_parts = AssetRelation.objects.filter(source_id__in=asset_ids, type="part_of").values("target_id")
    # A dataset feeding or training a component reaches the system through that component.
    users_of = AssetRelation.objects.filter(target_id__in=asset_ids, type__in=["trained_on", "fine_tuned_from"]).values("source_id")
    via_component = AssetRelation.objects.filter(source_id__in=users_of, type="part_of").values("target_id")
    # Hosting: the systems (or their components) deployed on a changed infrastructure asset.
    hosted = AssetRelation.objects.filter(target_id__in=asset_ids, type="deployed_on").values("source_id")
    hosted_parts = AssetRelation.objects.filter(source_id__in=hosted, type="part_of").values("target_id")
    return Asset.objects.filter(kind="system").filter(
        Q(pk__in=asset_ids) | Q(pk__in=direct_parts) | Q(pk__in=via_component) | Q(pk__in=hosted)
        | Q(pk__in=hosted_parts)).distinct()


def inventory_fingerprint(system: Asset) -> dict:
    components = list(Asset.objects.filter(relations_out__type="part_of", relations_out__target=system)
                      .values_list("pk", flat=True))
    members = [system.pk, *components]
    datasets = Asset.objects.filter(kind="dataset").filter(
        Q(pk__in=components) | Q(relations_in__type="trained_on", relations_in__source_id__in=members)).distinct()
    hosts = Asset.objects.filter(kind="infrastructure", relations_in__type="deployed_on",
                                 relations_in__source_id__in=members).distinct()
    models = Asset.objects.filter(pk__in=components, kind="model")
    return {
        "exposure": system.exposure,
        "automated_decisions": system.automated_decisions,
        "components": sorted(components),
        "personal_data": datasets.filter(contains_personal_data=True).exists(),
        "special_category_data": datasets.filter(special_category_data=True).exists(),
        "public_deployment": system.exposure == "public" or hosts.filter(network_exposure="public").exists(),
        "gpai_components": models.filter(gpai=True).exists(),
    }


LABELS = {
    "exposure": "exposure", "automated_decisions": "automated decisions", "components": "components",
    "personal_data": "personal data in its datasets", "special_category_data": "special-category data",
    "public_deployment": "public deployment", "gpai_components": "general-purpose model components",
}


def describe_changes(before: dict, after: dict) -> list[str]:
    changes = []
    for key, label in LABELS.items():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key == "components":
            added, removed = len(set(new or []) - set(old or [])), len(set(old or []) - set(new or []))
            changes.append(f"components: {added} added, {removed} removed")
        elif isinstance(new, bool):
            changes.append(f"{label}: {'yes' if old else 'no'} → {'yes' if new else 'no'}")
        else:
            changes.append(f"{label}: {old or '—'} → {new or '—'}")
    return changes
