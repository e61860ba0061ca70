from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = "Compliance"

    def ready(self):
        from attest.core.registry import register_asset_change_hook, register_demo_builder, register_seeder
        from attest.ui.panels import NavItem, register_dashboard_panel, register_nav_item, register_object_panel

        from . import demo, panels, seed, services

        register_seeder(order=20, name="compliance", func=seed.load_catalogs)
        register_demo_builder(order=30, name="compliance", func=demo.build)
        register_asset_change_hook(services.reopen_for_inventory_change)
        register_nav_item(NavItem(20, "Compliance", "compliance:coverage", "compliance"))
        register_dashboard_panel(panels.dashboard_panel)
        register_object_panel("inventory.asset", panels.asset_panel)
