from django.utils.html import format_html

from attest.ui.tables import Column, Table


def level_badge(level: str | None, score: int | None):
    if level is None:
        return "—"
    return format_html('<span class="badge lvl-{}">{} ({})</span>', level, level.capitalize(), score)


class RiskTable(Table):
    columns = [
        Column("threat", "Threat", accessor="asset_threat.display_title", link=True),
        Column("asset", "Asset", accessor="asset.name"),
        Column("team", "Team", accessor="asset.team.name"),
        Column("inherent", "Inherent", order_by="inherent", formatter=lambda r: level_badge(r.inherent_level, r.inherent)),
        Column("residual", "Residual", order_by="residual", formatter=lambda r: level_badge(r.residual_level, r.residual)),
        Column("treatment", "Treatment"),
        Column("status", "Status", badge=True),
        Column("owner", "Owner", accessor="owner.username"),
    ]


class ThreatTable(Table):
    columns = [
        Column("code", "Code", link=True),
        Column("title", "Title"),
        Column("stride", "STRIDE"),
        Column("atlas", "MITRE ATLAS", formatter=lambda t: ", ".join(t.atlas) or "—"),
        Column("owasp", "OWASP", formatter=lambda t: ", ".join(t.owasp_ml + t.owasp_llm) or "—"),
    ]
