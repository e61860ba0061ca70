"""Demo threat-model decisions and a risk acceptance. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from . import services
from .models import AssetThreat, Risk


def build(ctx: dict, log) -> None:
    assets, users = ctx["assets"], ctx["users"]
    for asset in assets.values():
        if not AssetThreat.objects.filter(asset=asset).exists():
            services.regenerate_threat_model(actor=None, asset=asset, check_access=False)
    fraud = assets["fraud-gbm"]
    entry = AssetThreat.objects.filter(asset=fraud, status="applicable", threat__isnull=False).order_by("threat__code").first()
    if entry and not AssetThreat.objects.filter(asset=fraud, status="not_applicable").exists():
        services.set_threat_status(actor=users["mia"], entry=entry, status="not_applicable",
                                   reason="Scored inside the bank's network only; no external caller reaches it.")
    risk = (Risk.objects.filter(asset=assets["support-llm-ft"], status="open").order_by("pk").first())
    if risk and not Risk.objects.filter(status="accepted").exists():
        services.accept_risk(actor=users["grace"], risk=risk, justification="Accepted until the output filter ships.",
                             expires_on=timezone.localdate() + timedelta(days=21))
