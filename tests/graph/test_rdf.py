from __future__ import annotations

import datetime as dt

import rdflib

from graph.model import Edge, GraphBatch, Node, Provenance
from graph.rdf import RDF_TYPE, batch_to_ntriples, triples_to_batch, unchecked_ids

RDF_TYPE_TERM = f"<{RDF_TYPE}>"


def small_batch() -> GraphBatch:
    batch = GraphBatch()
    person = batch.add_node(Node.create("Person", name='引号"与\\反斜杠\n换行', jurisdiction="上海市徐汇区"))
    event = batch.add_node(Node.create("Event", name="区委社会工作会议", event_type="meeting",
                                       date=dt.date(2025, 1, 20), article_id="article-1"))
    batch.add_edge(Edge.create("ATTENDED", person, event, Provenance("article-1", 5, 9, "出席会议。"),
                               roles=["讲话", "出席"], order=2))
    return batch


def test_rdf_ntriples_parse_with_rdflib() -> None:
    graph = rdflib.Graph().parse(data=batch_to_ntriples(small_batch()), format="nt")
    names = {str(o) for o in graph.objects(None, rdflib.URIRef("https://schema.org/name"))}
    assert '引号"与\\反斜杠\n换行' in names
    attendee = rdflib.URIRef("https://schema.org/attendee")
    assert len(list(graph.triples((None, attendee, None)))) == 1


def test_rdf_round_trip_gives_back_the_batch() -> None:
    batch = small_batch()
    graph = rdflib.Graph().parse(data=batch_to_ntriples(batch), format="nt")
    back = triples_to_batch(graph.triples((None, None, None)))
    assert back.nodes == batch.nodes
    (edge,) = back.edges.values()
    (original,) = batch.edges.values()
    assert edge.id == original.id
    assert edge.provenance == original.provenance
    assert edge.properties == {"roles": ["出席", "讲话"], "order": 2}


def test_rdf_lone_surrogates_become_replacement_characters() -> None:
    batch = GraphBatch()
    batch.add_node(Node.create("Organization", name="坏\udc80字"))
    graph = rdflib.Graph().parse(data=batch_to_ntriples(batch), format="nt")
    names = {str(o) for o in graph.objects(None, rdflib.URIRef("https://schema.org/name"))}
    assert names == {"坏\ufffd字"}


def test_rdf_literals_keep_quotes_backslashes_and_line_breaks() -> None:
    names = ['某"报"社', "某\\局", "第一行\n第二行\r", "某区政府"]
    batch = GraphBatch()
    for name in names:
        batch.add_node(Node.create("Organization", name=name))
    graph = rdflib.Graph().parse(data=batch_to_ntriples(batch), format="nt")
    assert {str(o) for o in graph.objects(None, rdflib.URIRef("https://schema.org/name"))} == set(names)


def test_rdf_unchecked_ids_are_those_a_lenient_load_could_break() -> None:
    person, event = Node.create("Person", name="王华"), Node.create("Event", name="会议", article_id="a1")
    batch = GraphBatch()
    for node in (person, event):
        batch.add_node(node)
    batch.add_edge(Edge.create("ATTENDED", person, event, Provenance("resolution", 0, 0, "")))  # resolution's own
    assert unchecked_ids(batch) == []
    batch.add_edge(Edge("ATTENDED", "person x", event.id, Provenance("article<1>", 0, 1, "。")))
    assert unchecked_ids(batch) == ["person x", "article<1>"]


def test_rdf_an_edge_is_told_by_its_class_declared_once_per_batch() -> None:
    lines = batch_to_ntriples(small_batch()).splitlines()
    declaration = ('<https://w3id.org/dkg/ontology#Attendance> <https://w3id.org/dkg/ontology#relationType> '
                   '"ATTENDED" .')
    assert lines.count(declaration) == 1
    (edge_id,) = small_batch().edges
    edge_lines = [line for line in lines if line.startswith(f"<https://w3id.org/dkg/id/{edge_id}> ")]
    assert f"<https://w3id.org/dkg/id/{edge_id}> {RDF_TYPE_TERM} <https://w3id.org/dkg/ontology#Attendance> ." \
        in edge_lines
    assert not any("ontology#relationType>" in line or "ontology#id>" in line for line in edge_lines)
    nodes_only = GraphBatch()
    nodes_only.add_node(Node.create("Organization", name="某区政府"))
    assert "relationType" not in batch_to_ntriples(nodes_only)
