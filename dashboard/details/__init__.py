"""Detail views of one node, by type: a person, an event, any other node."""

from __future__ import annotations

from dashboard import access
from dashboard.details.event import render_event
from dashboard.details.node import render_node
from dashboard.details.person import render_person
from graph.model import Node

__all__ = ["render_detail"]

_BY_TYPE = {"Person": render_person, "Event": render_event}


def render_detail(ref: access.StoreRef, node: Node, filters: access.Filters) -> None:
    """The detail view of a node's type (the generic view for types without their own)."""
    _BY_TYPE.get(node.type, render_node)(ref, node, filters)
