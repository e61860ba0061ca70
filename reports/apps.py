from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Audit packs and model cards"

    def ready(self):
        from attest.core.jobs import register_job_handler
        from attest.core.registry import register_demo_builder
        from attest.ui.panels import NavItem, register_nav_item

        from . import build, demo, modelcards

        register_job_handler("audit_pack", build.build_pack)
        register_demo_builder(order=60, name="reports", func=demo.build)
        register_nav_item(NavItem(40, "Audit packs", "reports:pack_list", "reports"))
        modelcards.register()
