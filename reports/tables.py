from django.utils.html import format_html

from attest.ui.tables import Column, Table


def _status(pack):
    label = pack.status if pack.status not in ("queued", "building") else f"{pack.status} {pack.job.progress}%"
    return format_html('<span class="badge b-{}">{}</span>', pack.status, label)


class AuditPackTable(Table):
    columns = [
        Column("title", "Title", link=True),
        Column("status", "Status", formatter=_status),
        Column("as_of", "As of"),
        Column("assets", "Assets", formatter=lambda p: str(len(p.assets.all()))),
        Column("engagement", "Engagement", accessor="engagement.name"),
        Column("pages", "Pages", accessor="page_count"),
        Column("created_by", "Requested by", accessor="created_by.username"),
        Column("created_at", "Requested"),
    ]


class EngagementTable(Table):
    columns = [
        Column("name", "Engagement", link=True),
        Column("auditor", "Auditor", accessor="auditor.username"),
        Column("period_start", "From"),
        Column("period_end", "Until"),
        Column("assets", "Assets", formatter=lambda e: str(len(e.assets.all()))),
        Column("active", "Status", formatter=lambda e: format_html(
            '<span class="badge b-{}">{}</span>', "ok" if e.active else "closed", "active" if e.active else "ended")),
    ]
