from attest.ui.tables import Column, Table


class ControlTable(Table):
    columns = [
        Column("code", "Code", link=True),
        Column("title", "Title"),
        Column("phase", "Phase"),
        Column("requirement_count", "Requirements"),
        Column("max_evidence_age_days", "Max evidence age (days)"),
    ]


class ImplementationTable(Table):
    columns = [
        Column("control", "Control", accessor="control.code", link=True),
        Column("asset", "Asset", accessor="asset.name"),
        Column("status", "Status", badge=True),
        Column("owner", "Owner", accessor="owner.username"),
        Column("due_date", "Due"),
        Column("updated_at", "Updated"),
    ]
