from __future__ import annotations

import copy

import pytest
import yaml

from dkg.errors import SchemaError
from graph.schema import SCHEMA_PATH, load_schema, parse_schema

REQUIRED_NODES = {"Person", "Organization", "Post", "Place", "Event", "Day", "Article", "Publication"}
REQUIRED_RELATIONS = {"HOLDS", "POST_IN", "PART_OF", "ATTENDED", "ORGANIZED", "HELD_AT", "ON_DAY",
                      "REPORTED_IN", "WROTE", "PHOTOGRAPHED", "MENTIONS", "PUBLISHED_IN"}


@pytest.fixture
def raw_schema() -> dict:
    return yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_schema_names_every_required_type() -> None:
    schema = load_schema()
    assert set(schema.nodes) >= REQUIRED_NODES
    assert set(schema.relations) >= REQUIRED_RELATIONS


def test_schema_reuses_w3c_vocabularies() -> None:
    schema = load_schema()
    assert schema.expand(schema.node("Post").rdf) == "http://www.w3.org/ns/org#Post"
    assert schema.expand(schema.relation("HOLDS").rdf) == "http://www.w3.org/ns/org#holds"
    assert schema.expand(schema.node("Event").rdf) == "https://schema.org/Event"
    assert schema.expand(schema.provenance["article_id"].rdf) == "http://www.w3.org/ns/prov#wasDerivedFrom"
    assert schema.expand(schema.node("Organization").properties["aliases"].rdf).endswith("core#altLabel")


def test_schema_attendance_carries_roles_and_order() -> None:
    attended = load_schema().relation("ATTENDED")
    assert attended.source == ("Person",) and attended.target == ("Event",)
    assert attended.properties["roles"].is_list
    assert attended.properties["order"].datatype == "integer"


def test_schema_rejects_edge_to_unknown_type(raw_schema: dict) -> None:
    broken = copy.deepcopy(raw_schema)
    broken["relations"]["HOLDS"]["target"] = "Job"
    with pytest.raises(SchemaError, match="Job"):
        parse_schema(broken)


def test_schema_rejects_key_without_property(raw_schema: dict) -> None:
    broken = copy.deepcopy(raw_schema)
    broken["nodes"]["Place"]["key"] = ["coordinates"]
    with pytest.raises(SchemaError, match="Place"):
        parse_schema(broken)


def test_schema_rejects_unknown_prefix(raw_schema: dict) -> None:
    broken = copy.deepcopy(raw_schema)
    broken["nodes"]["Day"]["properties"]["date"]["rdf"] = "nope:date"
    with pytest.raises(SchemaError, match=r"Day\.date"):
        parse_schema(broken)


def test_schema_unknown_type_lookup_names_known_ones() -> None:
    with pytest.raises(SchemaError, match="Person"):
        load_schema().node("Persona")


def test_schema_rejects_two_relations_sharing_a_qualified_class(raw_schema: dict) -> None:
    broken = copy.deepcopy(raw_schema)
    broken["relations"]["ORGANIZED"]["qualified"] = broken["relations"]["ATTENDED"]["qualified"]
    with pytest.raises(SchemaError, match="ATTENDED and ORGANIZED"):
        parse_schema(broken)
