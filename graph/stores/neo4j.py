"""The Neo4j backend: the graph on a Neo4j server, cluster or Aura, through the official driver.

Where it connects comes from the environment (or the constructor), never from the command
line and never into a log: ``NEO4J_URI`` (``neo4j://``, ``neo4j+s://`` for Aura, or
``bolt://``), ``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` (the server's
default database when unset).

How the graph is laid out, all read from ``graph/schema.yaml``: one node per node with its
type's Neo4j label and an ``id`` property (unique, by a constraint); one relationship per
edge with its relation's type and ``id``; properties as Neo4j values (dates as ``DATE``,
``strings`` as lists); each relationship carries its provenance (``article_id``,
``span_start``, ``span_end``, ``sentence``) as properties.

Writes are ``UNWIND $rows ... MERGE`` statements, one per label and relationship type, all
of a batch in one managed transaction (``execute_write``): a batch lands whole or not at
all, the driver retries it on transient errors, and MERGE on ids makes it idempotent.
Scalar properties take the newest value; list properties are united, as the RDF stores
do. Every value travels as a parameter; labels, types and property names come from the
schema and are checked to be plain identifiers before they reach Cypher text.

Queries are checked to be read-only by their clauses (:func:`check_read_only_cypher`)
and run in read transactions (``execute_read``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from dkg.errors import NotAvailableError, QueryError, SchemaError, StoreError
from graph.model import Edge, GraphBatch, Node, Provenance
from graph.schema import NodeType, PropertyDef, RelationType, Schema, load_schema
from graph.stores.base import Stats, Store

__all__ = ["Neo4jStore", "check_read_only_cypher", "cypher_tokens", "edge_statement", "node_statement"]

ROWS_PER_STATEMENT = 1000
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


# --- read-only check ---------------------------------------------------------------------

# Clauses that change data or schema, wherever they stand (INSERT is GQL's CREATE in Cypher 25).
WRITE_CLAUSES = frozenset({
    "CREATE", "INSERT", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "LOAD", "FOREACH",
})
# Administration commands; they only start a statement, and `start`/`stop` are common names elsewhere.
ADMIN_COMMANDS = frozenset({
    "ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP", "TERMINATE", "ENABLE", "DEALLOCATE",
    "REALLOCATE", "DRYRUN",
})
# What SHOW may list: the graph's schema and the callable procedures, not users, roles or settings.
SHOWABLE = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS",
                      "PROCEDURE", "PROCEDURES"})
_SHOW_MODIFIERS = frozenset({"ALL", "RANGE", "FULLTEXT", "TEXT", "POINT", "VECTOR", "LOOKUP", "BTREE", "UNIQUE",
                             "UNIQUENESS", "NODE", "RELATIONSHIP", "REL", "KEY", "EXIST", "EXISTENCE", "PROPERTY",
                             "TYPE", "BUILT", "IN", "USER", "DEFINED"})
# Procedures that only read; any other CALL is refused.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "db.indexes",
    "db.constraints", "db.info", "db.ping", "dbms.components",
})
# Function namespaces that run Cypher text or reach files and URLs (apoc.cypher.runFirstColumn ...).
UNSAFE_FUNCTIONS = ("apoc.cypher.", "apoc.load.", "apoc.import.", "apoc.export.", "apoc.periodic.")
# Words that start a statement before its first clause: EXPLAIN, PROFILE, CYPHER 5 runtime=slotted.
_PREFIXES = frozenset({"EXPLAIN", "PROFILE", "CYPHER"})

# Neo4j ends a // comment at \r or \n; the second reading also ends it at the other line
# breaks (\u2028, \u2029, \x85, \v, \f). A statement must read as read-only both ways, so
# no choice of line break can hide a clause from the check.
_LINE_ENDS = ("\r\n", "\r\n\u2028\u2029\x85\x0b\x0c")


def _token_pattern(line_ends: str) -> re.Pattern[str]:
    return re.compile(rf"""
        (?P<space>\s+)
      | (?P<comment>//[^{line_ends}]*|/\*.*?(?:\*/|\Z))
      | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
      | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
      | (?P<param>\$(?:\w+|`[^`]*`))
      | (?P<number>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<word>\w+)
      | (?P<punct>.)
    """, re.VERBOSE | re.DOTALL)


_TOKEN_PATTERNS = tuple(_token_pattern(ends) for ends in _LINE_ENDS)


@dataclass(frozen=True)
class Token:
    """A token of Cypher text: its kind (word, string, quoted, param, number, punct) and text."""

    kind: str
    text: str


def cypher_tokens(text: str, reading: int = 0) -> list[Token]:
    """The significant tokens of a Cypher statement; whitespace and comments are dropped.

    Strings, backtick-quoted names and parameters are single tokens, so a keyword inside
    them is not a keyword. ``reading`` 0 ends a ``//`` comment where Neo4j does (``\\r``
    or ``\\n``); 1 ends it at any line break.

    Examples
    --------
    >>> [t.text for t in cypher_tokens("MATCH (n) // SET n.x = 1\\nRETURN 'CREATE' AS s")]
    ['MATCH', '(', 'n', ')', 'RETURN', "'CREATE'", 'AS', 's']
    >>> [t.text for t in cypher_tokens("RETURN 1 // note\\u2028SET", reading=1)]
    ['RETURN', '1', 'SET']
    """
    tokens = []
    for match in _TOKEN_PATTERNS[reading].finditer(text):
        kind = match.lastgroup or "punct"
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, match.group()))
    return tokens


def _is_clause_keyword(tokens: list[Token], index: int) -> bool:
    """Whether the word at ``index`` stands where a clause starts (not a name or map key)."""
    before = tokens[index - 1].text.upper() if index > 0 else ""
    after = tokens[index + 1].text if index + 1 < len(tokens) else ""
    return before not in (".", ":", "AS") and after != ":"


def _dotted_name(tokens: list[Token], start: int) -> tuple[str, int]:
    """The dotted name at ``start`` (words or quoted names joined by dots) and the index after it."""
    parts, index = [], start
    while index < len(tokens) and tokens[index].kind in ("word", "quoted"):
        parts.append(tokens[index].text.strip("`"))
        if index + 2 < len(tokens) and tokens[index + 1].text == ".":
            index += 2
        else:
            index += 1
            break
    return ".".join(parts), index


def _after_prefixes(tokens: list[Token], index: int) -> int:
    """The index of the first clause after EXPLAIN, PROFILE and ``CYPHER 5 runtime=slotted``-like options."""
    while index < len(tokens) and tokens[index].text.upper() in _PREFIXES:
        index += 1
        if tokens[index - 1].text.upper() != "CYPHER":
            continue
        if index < len(tokens) and tokens[index].kind == "number":
            index += 1
        while index + 2 < len(tokens) and tokens[index + 1].text == "=":
            index += 3
    return index


def _statement_starts(tokens: list[Token]) -> set[int]:
    """Where each statement's first clause stands: at the start and after each ``;``."""
    starts = {_after_prefixes(tokens, 0)}
    starts |= {_after_prefixes(tokens, i + 1) for i, token in enumerate(tokens) if token.text == ";"}
    return starts


def _query_part_start(tokens: list[Token], index: int, starts: set[int]) -> bool:
    """Whether ``index`` begins a statement, a subquery (``{``) or a UNION's next part."""
    before = tokens[index - 1].text.upper() if index > 0 else ""
    after_union = before in ("ALL", "DISTINCT") and index > 1 and tokens[index - 2].text.upper() == "UNION"
    return index in starts or before in ("{", "UNION") or after_union


def _show_refusal(tokens: list[Token], index: int) -> str | None:
    position = index + 1
    while position < len(tokens) and tokens[position].text.upper() in _SHOW_MODIFIERS:
        position += 1
    shown = tokens[position].text.upper() if position < len(tokens) else ""
    if shown in SHOWABLE:
        return None
    return (f"SHOW {shown} is an administration command; the console may SHOW only "
            "indexes, constraints, functions and procedures")


def _call_refusal(tokens: list[Token], index: int) -> str | None:
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if following in ("{", "("):  # a subquery; its clauses are checked like any other
        return None
    procedure, _ = _dotted_name(tokens, index + 1)
    if procedure.lower() in READ_PROCEDURES:
        return None
    return (f"CALL {procedure or following} is not a known read-only procedure; "
            f"allowed: {', '.join(sorted(READ_PROCEDURES))}")


def _refusal(tokens: list[Token], index: int, starts: set[int]) -> str | None:
    """Why the clause keyword at ``index`` changes the graph or leaves it, or None when it only reads."""
    keyword = tokens[index].text.upper()
    if keyword in WRITE_CLAUSES or (keyword in ADMIN_COMMANDS and index in starts):
        return (f"the query has a {keyword} clause (token {index + 1}); queries here only read the graph. "
                "Use `dkg ingest` to change it.")
    if keyword == "SHOW" and index in starts:
        return _show_refusal(tokens, index)
    if keyword == "USE" and _query_part_start(tokens, index, starts):
        return ("the query has a USE clause: the console reads only the dkg graph's database "
                "(NEO4J_DATABASE); leave USE out")
    if keyword == "CALL":
        return _call_refusal(tokens, index)
    return None


def _function_refusal(tokens: list[Token], index: int) -> str | None:
    """Why the dotted name at ``index`` is an unsafe function call, or None."""
    if index > 0 and tokens[index - 1].text in (".", ":"):
        return None
    name, after = _dotted_name(tokens, index)
    if after < len(tokens) and tokens[after].text == "(" and name.lower().startswith(UNSAFE_FUNCTIONS):
        return f"the function {name} runs Cypher text or reaches files and URLs; the console does not call it"
    return None


def _read_only_refusal(tokens: list[Token]) -> str | None:
    starts = _statement_starts(tokens)
    for index, token in enumerate(tokens):
        if token.kind not in ("word", "quoted"):
            continue
        reason = _function_refusal(tokens, index)
        if reason is None and token.kind == "word" and _is_clause_keyword(tokens, index):
            reason = _refusal(tokens, index, starts)
        if reason:
            return reason
    return None


def check_read_only_cypher(text: str) -> None:
    """Raise QueryError when a Cypher statement would change the graph or reach beyond it.

    The statement is tokenised (strings, names in backticks, parameters and comments are
    skipped) and each clause keyword is checked. Refused: CREATE, INSERT, MERGE, SET,
    DELETE, REMOVE, DROP, LOAD CSV, FOREACH; administration commands (ALTER, GRANT, DENY,
    REVOKE, START, STOP, TERMINATE ..., after EXPLAIN or CYPHER options too); SHOW of
    anything but indexes, constraints, functions and procedures; USE of another database;
    CALL of any procedure that is not a known read procedure; APOC functions that run
    Cypher text or load files. The text is tokenised twice, with ``//`` comments ended
    where Neo4j ends them and at any line break, and must pass both times.

    Examples
    --------
    >>> check_read_only_cypher("MATCH (n:Person) WHERE n.name = 'x SET y' RETURN n.set AS set")
    >>> check_read_only_cypher("MATCH (n) DETACH DELETE n")
    Traceback (most recent call last):
    ...
    dkg.errors.QueryError: ...
    >>> check_read_only_cypher("MATCH (n) // note\\rDETACH DELETE n")
    Traceback (most recent call last):
    ...
    dkg.errors.QueryError: the query has a DETACH clause ...
    """
    if not cypher_tokens(text):
        raise QueryError("the Cypher query is empty")
    for reading in range(len(_TOKEN_PATTERNS)):
        reason = _read_only_refusal(cypher_tokens(text, reading))
        if reason:
            raise QueryError(reason)


# --- statements from the schema ------------------------------------------------------------


def _identifier(name: str, what: str) -> str:
    if not _IDENTIFIER.match(name):
        raise SchemaError(f"the {what} {name!r} in the schema is not a plain identifier, so it cannot be "
                          "written into Cypher; rename it in graph/schema.yaml")
    return name


def _list_update(variable: str, name: str) -> str:
    """Cypher that unites a stored list property with the row's list (order kept)."""
    stored = f"{variable}.{name}"
    new = f"row.lists.{name}"
    return (f"SET {stored} = CASE WHEN {new} IS NULL THEN {stored} ELSE coalesce({stored}, []) + "
            f"[x IN {new} WHERE NOT x IN coalesce({stored}, [])] END")


def _property_updates(variable: str, properties: Iterable[PropertyDef]) -> list[str]:
    updates = [f"SET {variable} += row.props"]
    for prop in properties:
        if prop.is_list:
            updates.append(_list_update(variable, _identifier(prop.name, "property")))
    return updates


def node_statement(node_type: NodeType) -> str:
    """The MERGE statement that writes rows of one node type.

    Examples
    --------
    >>> print(node_statement(load_schema().node("Place")))
    UNWIND $rows AS row
    MERGE (n:Place {id: row.id})
    SET n += row.props
    SET n.aliases = CASE WHEN row.lists.aliases IS NULL THEN n.aliases ELSE ... END
    RETURN count(*) AS written
    """
    label = _identifier(node_type.neo4j, "Neo4j label")
    lines = ["UNWIND $rows AS row", f"MERGE (n:{label} {{id: row.id}})"]
    lines += _property_updates("n", node_type.properties.values())
    lines.append("RETURN count(*) AS written")
    return "\n".join(lines)


def _match_end(variable: str, key: str, labels: list[str]) -> list[str]:
    """Find an edge end by id among its possible labels, using each label's id index."""
    if len(labels) == 1:
        return [f"MATCH ({variable}:{labels[0]} {{id: row.{key}}})"]
    lines = [f"OPTIONAL MATCH ({variable}{i}:{label} {{id: row.{key}}})" for i, label in enumerate(labels)]
    candidates = ", ".join(f"{variable}{i}" for i in range(len(labels)))
    return [*lines, f"WITH *, coalesce({candidates}) AS {variable}", f"WHERE {variable} IS NOT NULL"]


def edge_statement(relation: RelationType, schema: Schema) -> str:
    """The MERGE statement that writes rows of one relation type; returns how many it wrote.

    Examples
    --------
    >>> print(edge_statement(load_schema().relation("HELD_AT"), load_schema()))
    UNWIND $rows AS row
    MATCH (a:Event {id: row.source})
    MATCH (b:Place {id: row.target})
    MERGE (a)-[r:HELD_AT {id: row.id}]->(b)
    SET r += row.props
    RETURN count(*) AS written
    """
    labels = {name: _identifier(schema.node(name).neo4j, "Neo4j label") for name in schema.nodes}
    kind = _identifier(relation.neo4j, "relationship type")
    lines = ["UNWIND $rows AS row"]
    lines += _match_end("a", "source", [labels[n] for n in relation.source])
    lines += _match_end("b", "target", [labels[n] for n in relation.target])
    lines.append(f"MERGE (a)-[r:{kind} {{id: row.id}}]->(b)")
    lines += _property_updates("r", relation.properties.values())
    lines.append("RETURN count(*) AS written")
    return "\n".join(lines)


# --- values ------------------------------------------------------------------------------


def _store_value(value: Any, prop: PropertyDef, where: str) -> Any:
    """A model value as the driver should send it, checked against the schema's datatype."""
    try:
        if prop.datatype == "date":
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if prop.datatype == "integer":
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise TypeError(f"{type(value).__name__} is not an integer")
            return int(value)
        if prop.is_list:
            return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
        if isinstance(value, dict | list | tuple | set):
            raise TypeError(f"a {type(value).__name__} is not a {prop.datatype}")
        return str(value)
    except (TypeError, ValueError) as error:
        raise StoreError(f"{where}: property {prop.name!r} must be a {prop.datatype}, got {value!r} ({error}); "
                         "nothing of this batch was written") from None


def _split_values(values: dict[str, Any], defs: dict[str, PropertyDef], where: str) -> dict[str, Any]:
    props, lists = {}, {}
    for name, value in values.items():
        if name not in defs:
            raise StoreError(f"{where}: {name!r} is not a property of the schema; nothing was written")
        converted = _store_value(value, defs[name], where)
        (lists if defs[name].is_list else props)[name] = converted
    return {"props": props, "lists": lists}


def node_row(node: Node, node_type: NodeType) -> dict[str, Any]:
    """The parameter row of one node."""
    return {"id": node.id, **_split_values(node.properties, node_type.properties, f"node {node.id}")}


def edge_row(edge: Edge, relation: RelationType, schema: Schema) -> dict[str, Any]:
    """The parameter row of one edge: its properties and its provenance, side by side."""
    where = f"edge {edge.id} ({edge.type})"
    row = _split_values(edge.properties, relation.properties, where)
    provenance = _split_values(edge.provenance.as_dict(), schema.provenance, where)
    row["props"].update(provenance["props"])
    return {"id": edge.id, "source": edge.source, "target": edge.target, **row}


def _plain(value: Any) -> Any:
    """A driver value as a plain Python value: node and relationship ids, native dates."""
    import neo4j.graph
    import neo4j.time

    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return value.get("id", value.element_id)
    if isinstance(value, neo4j.graph.Path):
        return [_plain(node) for node in value.nodes]
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _model_values(stored: dict[str, Any], defs: dict[str, PropertyDef]) -> dict[str, Any]:
    values = {}
    for name, prop in defs.items():
        value = _plain(stored.get(name))
        if value is None or value == []:
            continue
        values[name] = sorted(value) if prop.is_list else value
    return values


# --- the store ---------------------------------------------------------------------------


_USERINFO = re.compile(r"(?<=://)[^/@\s]*@")


def _reason(error: Exception) -> str:
    """What a driver or server error says, on one line, without any user:password@ of a URI.

    Examples
    --------
    >>> _reason(ValueError("cannot reach bolt://neo4j:s3cret@db:7687\\n  (refused)"))
    'cannot reach bolt://db:7687 (refused)'
    """
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    message = _USERINFO.sub("", " ".join(message.split()))
    return message if len(message) <= 500 else message[:500] + " ..."


def _setting(given: str | None, variable: str) -> str | None:
    return given if given is not None else (os.environ.get(variable) or None)


class Neo4jStore(Store):
    """A graph on a Neo4j server (or anything that speaks Bolt and Cypher like one).

    Parameters
    ----------
    uri, user, password, database : where and as whom to connect; each defaults to its
        ``NEO4J_*`` environment variable. ``database`` None means the server's default.
    schema : the schema (default: ``graph/schema.yaml``).
    """

    name: ClassVar[str] = "neo4j"
    query_language: ClassVar[str] = "cypher"
    persistent: ClassVar[bool] = True

    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None, schema: Schema | None = None, **driver_options: Any) -> None:
        try:
            import neo4j
        except ImportError:
            raise NotAvailableError("the neo4j backend needs the official driver: pip install 'dkg[neo4j]'") from None
        self.schema = schema or load_schema()
        uri = _setting(uri, "NEO4J_URI")
        if not uri:
            raise StoreError("the neo4j backend needs a server: set NEO4J_URI (e.g. neo4j+s://xxxx.databases.neo4j.io "
                             "for Aura), NEO4J_USER and NEO4J_PASSWORD")
        user, password = _setting(user, "NEO4J_USER") or "neo4j", _setting(password, "NEO4J_PASSWORD") or ""
        self.database = _setting(database, "NEO4J_DATABASE")
        self._schema_ready = False
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), **driver_options)
            self._driver.verify_connectivity()
        except neo4j.exceptions.AuthError:
            raise StoreError("the Neo4j server refused NEO4J_USER/NEO4J_PASSWORD; check them") from None
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ValueError) as error:
            raise StoreError(f"cannot reach the Neo4j server named by NEO4J_URI ({type(error).__name__}); "
                             "check that it runs and that the URI scheme (neo4j://, neo4j+s://, bolt://) is right"
                             ) from None

    def _session(self, read: bool = False):
        import neo4j

        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _schema_statements(self) -> Iterator[str]:
        for node_type in self.schema.nodes.values():
            label = _identifier(node_type.neo4j, "Neo4j label")
            yield (f"CREATE CONSTRAINT dkg_{label.lower()}_id IF NOT EXISTS "
                   f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")
        for relation in self.schema.relations.values():
            kind = _identifier(relation.neo4j, "relationship type")
            yield f"CREATE INDEX dkg_{kind.lower()}_id IF NOT EXISTS FOR ()-[r:{kind}]-() ON (r.id)"

    def ensure_schema(self) -> None:
        """Create the id constraints and indexes, once per store (each is IF NOT EXISTS)."""
        if self._schema_ready:
            return
        with self._session() as session:
            for statement in self._schema_statements():
                session.run(statement).consume()
        self._schema_ready = True

    def _statements(self, batch: GraphBatch) -> list[tuple[str, list[dict[str, Any]]]]:
        """(Cypher, rows) pairs for one batch: nodes first, then the edges between them."""
        statements = []
        for node_type in self.schema.nodes.values():
            rows = [node_row(n, node_type) for n in batch.nodes_of(node_type.name)]
            if rows:
                statements.append((node_statement(node_type), rows))
        for relation in self.schema.relations.values():
            rows = [edge_row(e, relation, self.schema) for e in batch.edges_of(relation.name)]
            if rows:
                statements.append((edge_statement(relation, self.schema), rows))
        unknown = {n.type for n in batch.nodes.values()} - set(self.schema.nodes)
        unknown |= {e.type for e in batch.edges.values()} - set(self.schema.relations)
        if unknown:
            raise StoreError(f"the batch has types the schema does not know: {sorted(unknown)}; nothing was written")
        return statements

    @staticmethod
    def _apply(tx: Any, statements: list[tuple[str, list[dict[str, Any]]]]) -> None:
        for cypher, rows in statements:
            for start in range(0, len(rows), ROWS_PER_STATEMENT):
                chunk = rows[start:start + ROWS_PER_STATEMENT]
                written = tx.run(cypher, rows=chunk).single()["written"]
                if written != len(chunk):
                    raise StoreError(
                        f"{len(chunk) - written} of {len(chunk)} edges name an end node that is neither in the "
                        f"batch nor in the store (statement: {cypher.splitlines()[-3]}); nothing of the batch "
                        "was written"
                    )

    def write(self, batch: GraphBatch) -> None:
        """Write one batch in one transaction; MERGE on ids makes a second write change nothing."""
        import neo4j

        statements = self._statements(batch)
        if not statements:
            return
        self.ensure_schema()
        try:
            with self._session() as session:
                session.execute_write(self._apply, statements)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
            raise StoreError(f"Neo4j did not take the batch, nothing of it was written: {_reason(error)}") from error

    def _read(self, text: str, params: dict[str, Any] | None) -> list[dict[str, Any]]:
        def rows_of(tx: Any) -> list[dict[str, Any]]:
            result = tx.run(text, params or {})
            return [{key: _plain(value) for key, value in record.items()} for record in result]

        with self._session(read=True) as session:
            return session.execute_read(rows_of)

    def query(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read-only Cypher query with ``params`` as Cypher parameters (``$name``)."""
        import neo4j

        check_read_only_cypher(text)
        # No exception chaining here: a driver error may carry the connection's details.
        try:
            return self._read(text, params)
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as error:
            raise StoreError(f"lost the Neo4j server while querying: {_reason(error)}; check that it runs") from None
        except Exception as error:  # the server's refusal, or a parameter the driver cannot send
            raise QueryError(f"Neo4j could not run the query: {_reason(error)}") from None

    def stats(self) -> Stats:
        """Counts per label and relationship type, one query each way (Neo4j answers them from its count store)."""
        labels = [_identifier(t.neo4j, "Neo4j label") for t in self.schema.nodes.values()]
        kinds = [_identifier(r.neo4j, "relationship type") for r in self.schema.relations.values()]
        by_label = {r["name"]: r["count"] for r in self._read(" UNION ALL ".join(
            f"MATCH (n:{label}) RETURN '{label}' AS name, count(n) AS count" for label in labels), None)}
        by_type = {r["name"]: r["count"] for r in self._read(" UNION ALL ".join(
            f"MATCH ()-[r:{kind}]->() RETURN '{kind}' AS name, count(r) AS count" for kind in kinds), None)}
        return {
            "nodes": {t.name: by_label.get(t.neo4j, 0) for t in self.schema.nodes.values()},
            "relations": {r.name: by_type.get(r.neo4j, 0) for r in self.schema.relations.values()},
        }

    def export_batch(self) -> GraphBatch:
        batch = GraphBatch()
        for node_type in self.schema.nodes.values():
            label = _identifier(node_type.neo4j, "Neo4j label")
            for row in self._read_raw(f"MATCH (n:{label}) RETURN n.id AS id, properties(n) AS props"):
                batch.add_node(Node(node_type.name, row["id"], _model_values(row["props"], node_type.properties)))
        for relation in self.schema.relations.values():
            kind = _identifier(relation.neo4j, "relationship type")
            text = (f"MATCH (a)-[r:{kind}]->(b) "
                    "RETURN r.id AS id, a.id AS source, b.id AS target, properties(r) AS props")
            for row in self._read_raw(text):
                batch.add_edge(self._edge_from(relation, row))
        return batch

    def _read_raw(self, text: str) -> list[dict[str, Any]]:
        with self._session(read=True) as session:
            return session.execute_read(lambda tx: [record.data() for record in tx.run(text)])

    def _edge_from(self, relation: RelationType, row: dict[str, Any]) -> Edge:
        provenance = _model_values(row["props"], self.schema.provenance)
        return Edge(relation.name, row["source"], row["target"], Provenance(**provenance),
                    _model_values(row["props"], relation.properties))

    def close(self) -> None:
        self._driver.close()
