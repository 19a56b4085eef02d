"""District Affairs Graph: Chinese district news into an event and knowledge graph.

The packages, by room:

- ``loaders``: read files, cut pages into articles, extract facts, resolve entities;
- ``graph``: the schema, the records, the stores, queries, exports and analytics;
- ``dashboard``: the Streamlit app;
- ``dkg``: this front door, the command line, the exception family and the YAML reader every room uses.
"""

__version__ = "0.1.0"
