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
        from .evidence import demo as evidence_demo

        register_demo_builder(order=35, name="evidence", func=evidence_demo.build)
        register_asset_change_hook(services.reopen_for_inventory_change)
        from attest.core.jobs import register_job_handler

        from .evidence import collect
        from .evidence.services import COLLECT_JOB

        register_job_handler(COLLECT_JOB, collect.collect)
        register_nav_item(NavItem(20, "Compliance", "compliance:coverage", "compliance"))
        register_dashboard_panel(panels.dashboard_panel)
        register_object_panel("inventory.asset", panels.asset_panel)
        from .evidence import panels as evidence_panels

        register_object_panel("inventory.asset", evidence_panels.asset_panel)
        register_dashboard_panel(evidence_panels.dashboard_panel)
