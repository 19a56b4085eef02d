"""Latin labels for Chinese names (pypinyin), so tools that cannot show Chinese can label nodes.

Examples
--------
>>> person_pinyin("李明")
'Li Ming'
>>> person_pinyin("欧阳修")
'Ouyang Xiu'
>>> name_pinyin("北京大学")
'Bei Jing Da Xue'
"""

from __future__ import annotations

import copy

from dkg.errors import NotAvailableError
from graph.model import GraphBatch
from graph.schema import Schema, load_schema

__all__ = ["add_pinyin", "name_pinyin", "person_pinyin"]

# Two-character surnames: a general list, so the surname splits where it should.
COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "万俟",
    "澹台", "公冶", "宗政", "濮阳", "太史", "申屠", "钟离", "闻人", "赫连", "呼延",
})


def _syllables(text: str) -> list[str]:
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError as error:
        raise NotAvailableError("pinyin labels need pypinyin: pip install pypinyin") from error
    return [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="default") if s.strip()]


def person_pinyin(name: str) -> str:
    """A person's name in pinyin, surname first: ``Cao Liqiang``."""
    split = 2 if name[:2] in COMPOUND_SURNAMES else 1
    surname, given = "".join(_syllables(name[:split])), "".join(_syllables(name[split:]))
    return " ".join(part.capitalize() for part in (surname, given) if part)


def name_pinyin(name: str) -> str:
    """Any other name, one capitalised syllable per character: ``Bei Jing Da Xue``."""
    return " ".join(s.capitalize() for s in _syllables(name))


def add_pinyin(batch: GraphBatch, schema: Schema | None = None) -> GraphBatch:
    """A copy of ``batch`` whose nodes get a ``pinyin`` property where their type has one."""
    schema = schema or load_schema()
    labelled = GraphBatch(nodes=copy.deepcopy(batch.nodes), edges=dict(batch.edges))
    for node in labelled.nodes.values():
        node_type = schema.node(node.type)
        if "pinyin" in node_type.properties and "pinyin" not in node.properties:
            caption = str(node.properties.get(node_type.caption, ""))
            if caption:
                node.properties["pinyin"] = (person_pinyin if node.type == "Person" else name_pinyin)(caption)
    return labelled
