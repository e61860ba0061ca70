"""A small table: declared columns, sortable headers, CSV export of the same columns."""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass
class Column:
    name: str
    label: str = ""
    accessor: str = ""
    order_by: str = ""  # the filterset's sort key; empty means not sortable
    link: bool = False
    badge: bool = False

    def value(self, obj):
        value = obj
        for part in (self.accessor or self.name).split("."):
            if value is None:
                return ""
            display = getattr(value, f"get_{part}_display", None)
            value = display() if display else getattr(value, part, "")
            if callable(value):
                value = value()
        return "" if value is None else value


class Table:
    columns: list[Column] = []

    def __init__(self, rows, request):
        self.rows = rows
        self.request = request
        self.sort = request.GET.get("sort", "")

    def headers(self):
        for col in self.columns:
            url, direction = None, ""
            if col.order_by:
                if self.sort == col.order_by:
                    direction, target = "asc", f"-{col.order_by}"
                elif self.sort == f"-{col.order_by}":
                    direction, target = "desc", col.order_by
                else:
                    target = col.order_by
                params = self.request.GET.copy()
                params["sort"] = target
                params.pop("page", None)
                url = "?" + urlencode(list(params.lists()), doseq=True)
            yield {"label": col.label or col.name.replace("_", " ").capitalize(), "url": url, "direction": direction}

    def body(self):
        for obj in self.rows:
            yield obj, [
                {"value": col.value(obj), "url": obj.get_absolute_url() if col.link else None, "badge": col.badge,
                 "raw": getattr(obj, col.name, "")}
                for col in self.columns
            ]
