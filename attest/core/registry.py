"""Hooks that let higher layers contribute to commands owned by the core.

The core cannot import the domain apps (imports flow one way), so each app registers
its catalog loader and demo builder from its AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hook:
    order: int
    name: str
    func: Callable


seeders: list[Hook] = []
demo_builders: list[Hook] = []


def register_seeder(*, order: int, name: str, func: Callable[[Callable[[str], None]], None]) -> None:
    if all(h.name != name for h in seeders):
        seeders.append(Hook(order, name, func))


def register_demo_builder(*, order: int, name: str, func: Callable) -> None:
    if all(h.name != name for h in demo_builders):
        demo_builders.append(Hook(order, name, func))


# Called inside the transaction of every inventory write, with the ids of the assets it touched.
# Higher layers (compliance re-opens classifications) register here instead of being imported.
asset_change_hooks: list[Callable] = []


def register_asset_change_hook(func: Callable) -> None:
    if func not in asset_change_hooks:
        asset_change_hooks.append(func)


def notify_assets_changed(*, actor, asset_ids: list[int], reason: str) -> None:
    for hook in asset_change_hooks:
        hook(actor=actor, asset_ids=asset_ids, reason=reason)
