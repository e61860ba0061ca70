"""Panels that higher layers contribute to pages owned by lower ones (dashboard, object pages).

The lower layer never imports the higher one: each app registers its panels in ready().
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    name: str
    template: str
    context: Callable  # (request, obj_or_None) -> dict


dashboard_panels: list[Panel] = []
object_panels: dict[str, list[Panel]] = {}


def register_dashboard_panel(panel: Panel) -> None:
    if all(p.name != panel.name for p in dashboard_panels):
        dashboard_panels.append(panel)
        dashboard_panels.sort(key=lambda p: p.order)


def register_object_panel(model_label: str, panel: Panel) -> None:
    panels = object_panels.setdefault(model_label, [])
    if all(p.name != panel.name for p in panels):
        panels.append(panel)
        panels.sort(key=lambda p: p.order)


def render_context(panels: list[Panel], request, obj=None) -> list[dict]:
    return [{"name": p.name, "template": p.template, **p.context(request, obj)} for p in panels]


@dataclass(frozen=True)
class NavItem:
    order: int
    label: str
    url_name: str
    section: str  # the URL namespace that marks the item active


nav_items: list[NavItem] = []


def register_nav_item(item: NavItem) -> None:
    if all(n.url_name != item.url_name for n in nav_items):
        nav_items.append(item)
        nav_items.sort(key=lambda n: n.order)
