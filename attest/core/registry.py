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
