"""CSV import and export of assets. Export writes the same columns the import reads."""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError

from attest.accounts.models import Team, User

from .choices import ALL_KIND_FIELDS, KIND_FIELDS
from .services import build_asset

CSV_COLUMNS = ["kind", "name", "team", "owner", "description", "lifecycle_stage", "criticality",
               "data_classification", "tags", *ALL_KIND_FIELDS]
REQUIRED_COLUMNS = {"kind", "name", "team"}
BOOLEAN_FIELDS = {"automated_decisions", "third_party", "gpai", "contains_personal_data", "special_category_data",
                  "encrypted_at_rest", "encrypted_in_transit"}
MAX_ROWS = 5000
_TRUE, _FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0", ""}


def _cell(asset, name: str) -> str:
    if name == "team":
        return asset.team.name
    if name == "owner":
        return asset.owner.username if asset.owner_id else ""
    if name == "tags":
        return ";".join(asset.tags or [])
    if name in ALL_KIND_FIELDS and name not in KIND_FIELDS[asset.kind]:
        return ""
    value = getattr(asset, name)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def export_rows(queryset):
    yield CSV_COLUMNS
    for asset in queryset.select_related("team", "owner").iterator(chunk_size=500):
        yield [_cell(asset, name) for name in CSV_COLUMNS]


class CsvFileError(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class ImportRow:
    line: int
    name: str
    kind: str
    data: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode_upload(raw: bytes) -> str:
    if len(raw) > settings.ATTEST_IMPORT_MAX_BYTES:
        raise CsvFileError(f"The file is {len(raw):,} bytes; the limit is {settings.ATTEST_IMPORT_MAX_BYTES:,}. Split it into smaller files.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFileError(f"The file is not UTF-8 text (bad byte at position {exc.start}). Save it as CSV UTF-8.") from exc


def _convert(name: str, value: str, errors: dict):
    value = value.strip()
    if name in BOOLEAN_FIELDS:
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        errors.setdefault(name, []).append(f"'{value}' is not true or false.")
        return None
    if name == "record_count":
        if not value:
            return None
        if not value.isdigit():
            errors.setdefault(name, []).append(f"'{value}' is not a whole number.")
            return None
        return int(value)
    return value


def parse_assets_csv(*, actor, text: str) -> list[ImportRow]:
    """Validate every row without saving anything. Raises CsvFileError for file-level problems."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise CsvFileError("The file is empty. The first line must name the columns, e.g. kind,name,team.")
    missing = REQUIRED_COLUMNS - set(header)
    unknown = set(header) - set(CSV_COLUMNS)
    if missing:
        raise CsvFileError(f"Missing column(s): {', '.join(sorted(missing))}.")
    if unknown:
        raise CsvFileError(f"Unknown column(s): {', '.join(sorted(unknown))}. Allowed: {', '.join(CSV_COLUMNS)}.")
    reader.fieldnames = header
    teams = {t.name.lower(): t for t in Team.objects.restrict(actor, "add_asset")}
    users = {u.username.lower(): u for u in User.objects.restrict(actor, "view").filter(is_active=True)}
    rows: list[ImportRow] = []
    seen: set[tuple] = set()
    try:
        for index, record in enumerate(reader, start=2):
            if len(rows) >= MAX_ROWS:
                raise CsvFileError(f"The file has more than {MAX_ROWS} rows. Split it into smaller files.")
            if None in record:
                rows.append(ImportRow(index, "", "", errors={"row": ["This row has more cells than the header."]}))
                continue
            rows.append(_parse_row(actor, index, record, teams, users, seen))
    except csv.Error as exc:
        raise CsvFileError(f"The file is not valid CSV near line {reader.line_num}: {exc}.") from exc
    if not rows:
        raise CsvFileError("The file has a header but no rows.")
    return rows


def _parse_row(actor, line, record, teams, users, seen) -> ImportRow:
    errors: dict[str, list[str]] = {}
    kind = (record.get("kind") or "").strip()
    name = (record.get("name") or "").strip()
    data = {}
    for column, raw in record.items():
        raw = raw or ""
        if column == "team":
            team = teams.get(raw.strip().lower())
            if team is None:
                errors.setdefault("team", []).append(f"No team named '{raw.strip()}' that you can register assets in.")
            data["team"] = team
        elif column == "owner":
            if raw.strip():
                owner = users.get(raw.strip().lower())
                if owner is None:
                    errors.setdefault("owner", []).append(f"No active user '{raw.strip()}' that you can see.")
                data["owner"] = owner
        elif column in ALL_KIND_FIELDS:
            if raw.strip():
                data[column] = _convert(column, raw, errors)
        elif raw.strip() or column in ("kind", "name"):
            data[column] = raw.strip()
    if not errors:
        try:
            build_asset(actor=actor, data=data)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault("row" if key == "__all__" else key, []).extend(messages)
    key = (data.get("team").pk if data.get("team") else None, kind, name.lower())
    if key in seen:
        errors.setdefault("name", []).append("This name appears twice in the file for the same team and kind.")
    seen.add(key)
    return ImportRow(line, name, kind, data=data, errors=errors)
