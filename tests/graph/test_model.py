from __future__ import annotations

import datetime as dt

import pytest

from dkg.errors import SchemaError
from graph.model import Edge, GraphBatch, Node, Provenance

PROV = Provenance("article-1", 3, 6, "王华出席。")


def test_model_node_id_is_stable_and_keyed() -> None:
    first = Node.create("Person", name="王华", jurisdiction="上海市徐汇区")
    again = Node.create("Person", name="王华", jurisdiction="上海市徐汇区", person_class="official")
    other = Node.create("Person", name="王华", jurisdiction="北京市海淀区")
    assert first.id == again.id
    assert first.id != other.id


def test_model_node_rejects_unknown_property() -> None:
    with pytest.raises(SchemaError, match="birthday"):
        Node.create("Person", name="王华", birthday="1970")


def test_model_edge_checks_its_ends() -> None:
    person = Node.create("Person", name="王华")
    place = Node.create("Place", name="会议中心")
    with pytest.raises(SchemaError, match="ATTENDED"):
        Edge.create("ATTENDED", person, place, PROV)


def test_model_edge_id_depends_on_article() -> None:
    person = Node.create("Person", name="王华")
    event = Node.create("Event", name="会议", date=dt.date(2025, 1, 20))
    here = Edge.create("ATTENDED", person, event, PROV, order=1)
    elsewhere = Edge.create("ATTENDED", person, event, Provenance("article-2", 0, 2, "x"), order=1)
    assert here.id == Edge.create("ATTENDED", person, event, PROV, order=2).id
    assert here.id != elsewhere.id


def test_model_batch_merges_nodes_and_unites_aliases() -> None:
    batch = GraphBatch()
    batch.add_node(Node.create("Organization", name="香港科技大学", aliases=["港科大"]))
    kept = batch.add_node(Node.create("Organization", name="香港科技大学", aliases=["HKUST", "港科大"]))
    assert len(batch.nodes) == 1
    assert kept.properties["aliases"] == ["港科大", "HKUST"]


def test_model_edge_id_follows_its_key_and_survives_pickling() -> None:
    import pickle

    person, event = Node.create("Person", name="王华"), Node.create("Event", name="会议", article_id="a1")
    edge = Edge.create("ATTENDED", person, event, PROV)
    first = edge.id
    assert edge.id == first == Edge("ATTENDED", person.id, event.id, PROV).id
    edge.source = Node.create("Person", name="李明").id  # the id is the key's, not the first one asked
    assert edge.id != first
    edge.provenance = Provenance("article-2", 0, 1, "。")
    moved = edge.id
    assert moved != first and pickle.loads(pickle.dumps(edge)).id == moved
    assert edge == Edge("ATTENDED", edge.source, event.id, edge.provenance)  # the cached id is not a field


def test_model_batch_update_keeps_the_first_edge_of_an_id() -> None:
    person, event = Node.create("Person", name="王华"), Node.create("Event", name="会议", article_id="a1")
    first, again = GraphBatch(), GraphBatch()
    first.add_edge(Edge.create("ATTENDED", person, event, PROV, roles=["出席"]))
    again.add_edge(Edge.create("ATTENDED", person, event, Provenance("article-1", 9, 12, "王华讲话。")))
    first.update(again)
    assert len(first.edges) == 1 and next(iter(first.edges.values())).properties == {"roles": ["出席"]}
