"""Derives which catalog threats apply to which assets, and why.

Rules are data (``Threat.rules``): field conditions on the asset itself, and paths along
the inventory's relations whose last asset must match (see risk/catalogs/threats.py). The
graph around the assets is loaded in a handful of queries, then every rule is evaluated
in memory, so a system with dozens of components regenerates in well under a second.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from inventory.models import Asset, AssetRelation


@dataclass
class Graph:
    assets: dict[int, Asset] = field(default_factory=dict)
    out: dict[int, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    inn: dict[int, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))

    def neighbours(self, asset_id: int, rels: list[str], direction: str) -> list[Asset]:
        edges = self.out[asset_id] if direction == "out" else self.inn[asset_id]
        return [self.assets[other] for rel, other in edges if rel in rels and other in self.assets]


def load_graph(asset_ids: set[int], *, depth: int = 4) -> Graph:
    """The assets and every relation within ``depth`` hops of them (one query per hop, plus one)."""
    graph, seen, frontier = Graph(), set(asset_ids), set(asset_ids)
    edges = set()
    for _ in range(depth):
        if not frontier:
            break
        rows = AssetRelation.objects.filter(source_id__in=frontier).values_list("source_id", "type", "target_id")
        rows = list(rows) + list(AssetRelation.objects.filter(target_id__in=frontier)
                                 .values_list("source_id", "type", "target_id"))
        new = set()
        for source, rel, target in rows:
            if (source, rel, target) not in edges:
                edges.add((source, rel, target))
                graph.out[source].append((rel, target))
                graph.inn[target].append((rel, source))
            new |= {source, target}
        frontier = new - seen
        seen |= new
    graph.assets = {a.pk: a for a in Asset.objects.filter(pk__in=seen)}
    return graph


def _field_matches(asset: Asset, cond: dict) -> bool:
    return getattr(asset, cond["field"], None) in cond["in"]


def evaluate(cond: dict, asset: Asset, graph: Graph) -> Asset | bool | None:
    """Falsy when the condition fails; the asset a path reached (or True) when it holds."""
    if "all" in cond:
        results = [evaluate(c, asset, graph) for c in cond["all"]]
        if not all(results):
            return None
        return next((r for r in results if isinstance(r, Asset)), True)
    if "any" in cond:
        return next((r for r in (evaluate(c, asset, graph) for c in cond["any"]) if r), None)
    if "path" in cond:
        reached = [asset]
        for hop in cond["path"]:
            reached = [n for a in reached for n in graph.neighbours(a.pk, hop["rel"], hop["dir"])]
            if not reached:
                return None
        where = cond.get("where")
        return next((a for a in reached if where is None or _field_matches(a, where)), None)
    return True if _field_matches(asset, cond) else None


def applicable_threats(asset: Asset, threats, graph: Graph) -> list[tuple[object, str]]:
    """(threat, reason) for every catalog threat whose rules match ``asset``."""
    found = []
    for threat in threats:
        if asset.kind not in threat.kinds:
            continue
        for rule in threat.rules:
            hit = evaluate(rule["if"], asset, graph)
            if hit:
                via = hit.name if isinstance(hit, Asset) else ""
                found.append((threat, rule["reason"].replace("{asset}", asset.name).replace("{via}", via)))
                break
    return found


def components_of(system_id: int, graph: Graph) -> set[int]:
    """Everything that is (transitively) part of the system, within the loaded graph."""
    found, frontier = set(), {system_id}
    while frontier:
        nxt = {src for node in frontier for rel, src in graph.inn[node] if rel == "part_of"} - found - {system_id}
        found |= nxt
        frontier = nxt
    return found
