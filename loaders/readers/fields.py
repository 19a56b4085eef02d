"""The fields of an article record and the names archives give them (``readers_fields.yaml``).

Examples
--------
>>> field_keys(["标题", "日期", "正文", "Link"])
{'title': '标题', 'body': '正文', 'date': '日期', 'url': 'Link'}
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dkg.yamltext import load_yaml

__all__ = ["FIELD_NAMES", "RECORD_FIELDS", "field_keys"]

_LEXICON = Path(__file__).resolve().parents[1] / "lexicons" / "readers_fields.yaml"
FIELD_NAMES: dict[str, list[str]] = {
    field: [str(name).lower() for name in names]
    for field, names in load_yaml(_LEXICON.read_text(encoding="utf-8")).items()
}
RECORD_FIELDS = tuple(FIELD_NAMES)


def field_keys(keys: Iterable[str]) -> dict[str, str]:
    """For each record field present, the key (or column) that holds it."""
    by_lower = {}
    for key in keys:
        if isinstance(key, str):
            by_lower.setdefault(key.strip().lower(), key)
    found = {}
    for field, names in FIELD_NAMES.items():
        key = next((by_lower[name] for name in names if name in by_lower), None)
        if key is not None:
            found[field] = key
    return found
