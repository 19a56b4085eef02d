"""Corrections by hand: a researcher's decisions that override automatic resolution.

A YAML file with up to four lists (every one optional)::

    same_person:                       # these are one person
      - keep: 王华@上海市徐汇区          # the node that stays (name@jurisdiction)
        merge: [王华@中华人民共和国]      # nodes folded into it (their names become aliases)
      - name: 李明                      # every 李明, whatever the automatic key, is this one
        jurisdiction: 上海市
    different_person:                  # never one node, and no POSSIBLY_SAME link
      - [王华@上海市徐汇区, 王华@中华人民共和国]
    alias:                             # this alias is that organisation (or place)
      - {alias: 港科大, of: 香港科技大学}
      - {alias: 西岸基地, of: 徐汇西岸国际人工智能大厦, type: Place}
    not_alias:                         # this alias is not that organisation (or place)
      - {alias: 科大, of: 香港科技大学}

A person is written ``name@jurisdiction`` or as a mapping ``{name: ..., jurisdiction: ...}``.
``dkg ingest`` reads ``corrections.yaml`` in the store folder, the file named by
``$DKG_CORRECTIONS`` and the file given with ``--corrections``, all that exist, together.

Examples
--------
>>> fixes = parse_corrections({"different_person": [["王华@甲区", "王华@乙区"]],
...                            "alias": [{"alias": "港某大", "of": "香港某大学"}]}, "c.yaml")
>>> fixes.different_persons, fixes.aliases
([(('王华', '甲区'), ('王华', '乙区'))], [('Organization', '港某大', '香港某大学')])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dkg.errors import InputError
from dkg.yamltext import load_yaml

__all__ = ["CORRECTIONS_FILE", "CORRECTIONS_VARIABLE", "Corrections", "PersonKey", "corrections_paths",
           "load_corrections", "parse_corrections"]

CORRECTIONS_FILE = "corrections.yaml"
CORRECTIONS_VARIABLE = "DKG_CORRECTIONS"
SECTIONS = ("same_person", "different_person", "alias", "not_alias")
NAMED_TYPES = ("Organization", "Place")

PersonKey = tuple[str, str]  # (name, jurisdiction)


@dataclass
class Corrections:
    """The decisions of one or more corrections files."""

    same_persons: list[tuple[PersonKey, list[PersonKey]]] = field(default_factory=list)
    person_jurisdictions: dict[str, str] = field(default_factory=dict)
    different_persons: list[tuple[PersonKey, PersonKey]] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)
    not_aliases: list[tuple[str, str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def update(self, other: Corrections) -> None:
        self.same_persons += other.same_persons
        self.person_jurisdictions.update(other.person_jurisdictions)
        self.different_persons += other.different_persons
        self.aliases += other.aliases
        self.not_aliases += other.not_aliases
        self.sources += other.sources

    def __bool__(self) -> bool:
        return bool(self.same_persons or self.person_jurisdictions or self.different_persons
                    or self.aliases or self.not_aliases)

    def names(self) -> set[str]:
        """Every person name the corrections speak of."""
        found = {key[0] for keep, merged in self.same_persons for key in (keep, *merged)}
        found |= {key[0] for pair in self.different_persons for key in pair}
        return found | set(self.person_jurisdictions)


class _Entry:
    """Where in a corrections file an entry sits, to name it in errors."""

    def __init__(self, path: str, section: str, index: int) -> None:
        self.path, self.where = path, f"{section}[{index}]"

    def fail(self, reason: str) -> InputError:
        return InputError(self.path, f"{self.where}: {reason}",
                          "see the corrections format in loaders/resolution/corrections.py or the README")


def _person(value: Any, entry: _Entry) -> PersonKey:
    if isinstance(value, str) and value.count("@") == 1:
        name, jurisdiction = (part.strip() for part in value.split("@"))
    elif isinstance(value, Mapping):
        name, jurisdiction = str(value.get("name") or "").strip(), str(value.get("jurisdiction") or "").strip()
    else:
        raise entry.fail(f"{value!r} is not a person: write name@jurisdiction or {{name: ..., jurisdiction: ...}}")
    if not name or not jurisdiction:
        raise entry.fail(f"{value!r} needs both a name and a jurisdiction")
    return name, jurisdiction


def _same(entries: list[Any], path: str, fixes: Corrections) -> None:
    for index, item in enumerate(entries):
        entry = _Entry(path, "same_person", index)
        if not isinstance(item, Mapping):
            raise entry.fail("each entry is a mapping with keep and merge, or with name and jurisdiction")
        if "keep" in item:
            merged = item.get("merge")
            if not isinstance(merged, list) or not merged:
                raise entry.fail("merge must list the persons folded into keep")
            fixes.same_persons.append((_person(item["keep"], entry), [_person(m, entry) for m in merged]))
        else:
            name, jurisdiction = _person(item, entry)
            fixes.person_jurisdictions[name] = jurisdiction


def _different(entries: list[Any], path: str, fixes: Corrections) -> None:
    for index, item in enumerate(entries):
        entry = _Entry(path, "different_person", index)
        if not isinstance(item, list) or len(item) < 2:
            raise entry.fail("each entry lists two or more persons that are different people")
        people = [_person(p, entry) for p in item]
        fixes.different_persons += [(a, b) for i, a in enumerate(people) for b in people[i + 1:]]


def _aliases(entries: list[Any], path: str, section: str) -> list[tuple[str, str, str]]:
    found = []
    for index, item in enumerate(entries):
        entry = _Entry(path, section, index)
        if not isinstance(item, Mapping) or not item.get("alias") or not item.get("of"):
            raise entry.fail("each entry is a mapping with alias and of (and type: Organization or Place)")
        type_name = str(item.get("type") or "Organization")
        if type_name not in NAMED_TYPES:
            raise entry.fail(f"type {type_name!r} is not one of {', '.join(NAMED_TYPES)}")
        found.append((type_name, str(item["alias"]).strip(), str(item["of"]).strip()))
    return found


def parse_corrections(raw: Any, path: str) -> Corrections:
    """Corrections from a parsed YAML document; an InputError names the entry at fault."""
    if raw is None:
        return Corrections(sources=[path])
    if not isinstance(raw, Mapping):
        raise InputError(path, "a corrections file is a mapping of same_person, different_person, alias, not_alias")
    unknown = sorted(set(raw) - set(SECTIONS))
    if unknown:
        raise InputError(path, f"unknown sections {unknown}", f"the sections are {', '.join(SECTIONS)}")
    for section in SECTIONS:
        if not isinstance(raw.get(section) or [], list):
            raise InputError(path, f"{section} must be a list")
    fixes = Corrections(sources=[path])
    _same(raw.get("same_person") or [], path, fixes)
    _different(raw.get("different_person") or [], path, fixes)
    fixes.aliases = _aliases(raw.get("alias") or [], path, "alias")
    fixes.not_aliases = _aliases(raw.get("not_alias") or [], path, "not_alias")
    return fixes


def load_corrections(paths: Iterable[Path]) -> Corrections:
    """The corrections of several files, together; a missing or broken file is an InputError."""
    fixes = Corrections()
    for path in paths:
        try:
            raw = load_yaml(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise InputError(str(path), f"cannot read the corrections file ({error.strerror})") from None
        except yaml.YAMLError as error:
            raise InputError(str(path), f"the corrections file is not valid YAML ({error})") from None
        fixes.update(parse_corrections(raw, str(path)))
    return fixes


def corrections_paths(explicit: Path | None = None, store_folder: Path | None = None,
                      environ: Mapping[str, str] | None = None) -> list[Path]:
    """The corrections files an ingest reads: the store folder's, ``$DKG_CORRECTIONS``'s, the explicit one.

    The store folder's file is read when it exists; the others must exist.
    """
    environ = os.environ if environ is None else environ
    found = []
    if store_folder is not None and (Path(store_folder) / CORRECTIONS_FILE).is_file():
        found.append(Path(store_folder) / CORRECTIONS_FILE)
    for named in (environ.get(CORRECTIONS_VARIABLE), explicit):
        if named and Path(named) not in found:
            found.append(Path(named))
    return found
