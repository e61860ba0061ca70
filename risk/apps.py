from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "risk"
    verbose_name = "Threats and risks"

    def ready(self):
        from attest.core.registry import register_asset_change_hook, register_demo_builder, register_seeder
        from attest.ui.panels import NavItem, register_dashboard_panel, register_nav_item, register_object_panel
        from attest.ui.tables import register_column

        from . import demo, panels, seed, services

        register_seeder(order=30, name="threats", func=seed.load_threats)
        register_demo_builder(order=40, name="risk", func=demo.build)
        register_asset_change_hook(services.regenerate_for_inventory_change)
        register_nav_item(NavItem(30, "Risks", "risk:risk_list", "risk"))
        register_dashboard_panel(panels.dashboard_panel)
        register_object_panel("inventory.asset", panels.asset_panel)
        register_column("inventory.asset", panels.rating_column, panels.fill_rating)
