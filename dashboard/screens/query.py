"""A read-only query box: SPARQL on RDF stores, Cypher on Neo4j; updates are refused."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import access
from dkg.errors import DkgError
from graph.schema import Schema, load_schema

ROWS_SHOWN = 1000
EXAMPLES = {
    "sparql": ("SELECT ?class (COUNT(?node) AS ?count)\nWHERE { ?node a ?class }\nGROUP BY ?class\n"
               "ORDER BY DESC(?count)"),
    "cypher": "MATCH (node)\nRETURN labels(node)[0] AS label, count(*) AS count\nORDER BY count DESC",
}


def prefixes_of(schema: Schema) -> list[tuple[str, str]]:
    """The schema's namespaces as (IRI, prefix), longest IRI first."""
    return sorted(((iri, prefix) for prefix, iri in schema.namespaces.items()), key=lambda p: -len(p[0]))


def shown(value: Any, prefixes: list[tuple[str, str]]) -> str:
    """A result value as text, IRIs shortened to the schema's prefixes (``schema:Person``).

    Examples
    --------
    >>> shown("https://schema.org/Person", [("https://schema.org/", "schema")])
    'schema:Person'
    >>> shown(None, [])
    ''
    """
    if value is None:
        return ""
    text = str(value)
    for iri, prefix in prefixes:
        if text.startswith(iri) and len(text) > len(iri):
            return f"{prefix}:{text[len(iri):]}"
    return text


def main() -> None:
    ref = access.current_ref()
    language = access.reader(ref).query_language
    st.header("只读查询")
    st.caption(f"语言:{language.upper()}。只能读取图谱;INSERT、DELETE、CREATE、MERGE 等修改语句会被拒绝。"
               + (" 前缀 dkg:、schema:、org:、prov: 等已预先声明。" if language == "sparql" else ""))
    text = st.text_area("查询", value=EXAMPLES.get(language, ""), height=180, key="query_text")
    if not st.button("运行", type="primary", icon=":material/play_arrow:", key="query_run"):
        return
    try:
        rows = access.run_query(ref, text)
    except DkgError as error:
        st.error(f"查询未执行:{error}")
        return
    except Exception as error:  # a driver's own error: show it, the page stays usable
        st.error(f"查询出错({type(error).__name__}):{error}")
        return
    st.success(f"{len(rows)} 行" + (f",显示前 {ROWS_SHOWN} 行" if len(rows) > ROWS_SHOWN else ""))
    if rows:
        compact = prefixes_of(load_schema())
        st.dataframe([{k: shown(v, compact) for k, v in row.items()} for row in rows[:ROWS_SHOWN]],
                     hide_index=True, width="stretch")


main()
