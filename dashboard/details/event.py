"""The event view: date, venue, organisers, participants in protocol order, the marked-up article."""

from __future__ import annotations

import streamlit as st

from dashboard import access
from dashboard.details.common import chinese_date, node_link, type_label
from dashboard.highlight import Span, highlight_html, select_spans
from graph.model import Edge, Node
from graph.schema import load_schema

__all__ = ["article_spans", "render_article_text", "render_event"]


def render_event(ref: access.StoreRef, event: Node, filters: access.Filters) -> None:
    """One event: when, where, who organised it, who attended in which order, and its report."""
    props = event.properties
    context = access.node_context(ref, event.id)
    nodes, edges = context.batch.nodes, list(context.batch.edges.values())
    st.header(event.caption)
    st.caption(" · ".join(p for p in (type_label(event.type), _type_label(props.get("event_type")),
                                      chinese_date(props.get("date"), props.get("part_of_day"))) if p))
    _links("地点", [(e.target, "") for e in edges if e.type == "HELD_AT" and e.source == event.id], nodes, "venue")
    _links("主办", [(e.source, e.properties.get("role", "")) for e in edges
                    if e.type == "ORGANIZED" and e.target == event.id], nodes, "organizer")
    _links("签署", [(e.source, e.properties.get("agreement", "")) for e in edges
                    if e.type == "SIGNED" and e.target == event.id], nodes, "signer")
    _participants(ref, event)
    articles = [nodes[e.target] for e in edges if e.type == "REPORTED_IN" and e.target in nodes]
    for article in articles:
        render_article_text(ref, article, extra_edges=edges, extra_nodes=nodes)


def _links(title: str, ends: list[tuple[str, str]], nodes: dict[str, Node], key: str) -> None:
    if not ends:
        return
    columns = st.columns([1, 9], vertical_alignment="center")
    columns[0].markdown(f"**{title}**")
    with columns[1]:
        for index, (node_id, note) in enumerate(sorted(set(ends))):
            node = nodes.get(node_id)
            caption = node.caption if node else node_id
            node_link(node_id, caption + (f"({note})" if note else ""), key=f"event-{key}-{index}-{node_id}")


def _participants(ref: access.StoreRef, event: Node) -> None:
    listing = sorted(access.event_attendees(ref, event.id),
                     key=lambda r: (r["order"] is None, r["order"] or 0, r["name"] or ""))
    st.subheader(f"出席人员({len(listing)})")
    if not listing:
        st.caption("报道未列出出席人员。")
        return
    for index, row in enumerate(listing):
        order, name, roles, sentence = st.columns([0.6, 1.6, 1.6, 6], vertical_alignment="center")
        order.write(str(row["order"] or "–"))
        with name:
            node_link(row["person_id"], row["name"], key=f"event-person-{index}-{row['person_id']}")
        roles.write("、".join(row["roles"]))
        sentence.caption(row["sentence"] or "")


def _names(node: Node) -> set[str]:
    names = {node.caption, *node.properties.get("aliases", [])}
    return {n for n in names if n}


def _named_end(edge: Edge, nodes: dict[str, Node], around: set[str], quote: str) -> Node | None:
    """The node an edge's span names: the end whose name holds the quoted words, else the end
    that is not the event or article being shown."""
    ends = [n for n in (nodes.get(edge.source), nodes.get(edge.target)) if n is not None and n.type != "Article"]
    for node in ends:
        if any(quote in name for name in _names(node)):
            return node
    others = [n for n in ends if n.id not in around]
    return (others or ends or [None])[0]


def article_spans(article: Node, edges: list[Edge], nodes: dict[str, Node], around: set[str]) -> list[Span]:
    """The spans of ``article``'s text cited by ``edges``, coloured by the type of what they name."""
    schema = load_schema()
    spans = []
    for edge in edges:
        provenance = edge.provenance
        if provenance.article_id != article.id or provenance.span_end <= provenance.span_start:
            continue
        quote = (article.properties.get("text") or "")[provenance.span_start:provenance.span_end]
        named = _named_end(edge, nodes, around, quote)
        if named is None:
            continue
        style = schema.node(named.type).style
        spans.append(Span(provenance.span_start, provenance.span_end, schema.node(named.type).label,
                          style.get("color", "#999999"), named.caption))
    return spans


def render_article_text(ref: access.StoreRef, article: Node, *, extra_edges: list[Edge] = (),
                        extra_nodes: dict[str, Node] | None = None) -> None:
    """An article's text with every span the graph cites marked, and its title and date."""
    props = article.properties
    context = access.node_context(ref, article.id)
    nodes = {**(extra_nodes or {}), **context.batch.nodes}
    edges = {**{e.id: e for e in extra_edges}, **context.batch.edges}
    around = {article.id, *(e.source for e in extra_edges if e.target == article.id)}
    st.subheader("报道原文")
    meta = [props.get("publication"), chinese_date(props.get("issue_date")),
            f"第{props['page']}版" if props.get("page") else None, props.get("source")]
    st.markdown(f"**{article.caption}**  \n" + " · ".join(str(m) for m in meta if m))
    text = props.get("text") or ""
    if not text:
        st.caption("库中没有这篇文章的正文。")
        return
    spans = article_spans(article, list(edges.values()), nodes, around)
    legend = sorted({(s.label, s.color) for s in select_spans(spans, len(text))})
    st.markdown(" ".join(f'<span style="border-bottom:2px solid {color}">{label}</span>' for label, color in legend),
                unsafe_allow_html=True)
    st.markdown(f'<div class="dkg-article" style="line-height:1.9">{highlight_html(text, spans)}</div>',
                unsafe_allow_html=True)


def _type_label(event_type: str | None) -> str:
    return load_schema().node("Event").properties["event_type"].label_of(event_type)
