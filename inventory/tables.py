from attest.ui.tables import Column, Table


class AssetTable(Table):
    registry_key = "inventory.asset"
    columns = [
        Column("name", "Name", order_by="name", link=True),
        Column("kind", "Kind", order_by="kind", badge=True),
        Column("team", "Team", accessor="team.name", order_by="team"),
        Column("owner", "Owner", accessor="owner.username"),
        Column("lifecycle_stage", "Stage", order_by="lifecycle_stage"),
        Column("criticality", "Criticality", order_by="criticality", badge=True),
        Column("updated_at", "Updated", order_by="updated_at"),
    ]
