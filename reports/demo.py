"""Demo engagement: the auditor reviews the credit-scoring system and its parts. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from inventory.models import AssetRelation

from . import services
from .models import Engagement

NAME = "Credit scoring: AI Act and GDPR review"


def build(ctx: dict, log) -> None:
    assets, users = ctx["assets"], ctx["users"]
    if Engagement.objects.filter(name=NAME).exists():
        return
    system = assets["Retail Credit Scoring"]
    parts = AssetRelation.objects.filter(target=system, type="part_of").values_list("source_id", flat=True)
    today = timezone.localdate()
    services.create_engagement(actor=users["grace"], name=NAME, auditor=users["audrey"],
                               asset_ids=[system.pk, *parts], framework_slugs=["eu-ai-act", "gdpr"],
                               period_start=today - timedelta(days=90), period_end=today + timedelta(days=60))
