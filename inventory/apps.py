from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = "Inventory"

    def ready(self):
        from attest.core.jobs import register_job_handler
        from attest.core.registry import register_demo_builder

        from attest.ui.panels import NavItem, register_dashboard_panel, register_nav_item

        from . import demo, panels, services

        register_job_handler(services.IMPORT_JOB, services.run_import)
        register_demo_builder(order=20, name="inventory", func=demo.build)
        register_dashboard_panel(panels.dashboard_panel)
        register_nav_item(NavItem(10, "Assets", "inventory:asset_list", "inventory"))
