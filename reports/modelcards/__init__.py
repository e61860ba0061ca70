"""Model cards: built from the inventory, linked datasets, evidence, threats, risks and controls."""


def register() -> None:
    """Called from ReportsConfig.ready(): job handler and the asset page's model-card tab."""
    from attest.core.jobs import register_job_handler
    from attest.ui.panels import register_object_panel

    from .panels import asset_panel
    from .render import render_model_card_pdf
    from .services import JOB_KIND

    register_job_handler(JOB_KIND, render_model_card_pdf)
    register_object_panel("inventory.asset", asset_panel)
