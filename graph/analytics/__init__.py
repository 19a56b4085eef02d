"""Network analytics over what a query returns: co-attendance, centrality, communities.

Plain functions over networkx graphs, in the manner of networkx itself. The graphs are
built from query records (:func:`graph.queries.attendees`), never from a copy of the
whole store.

Examples
--------
>>> from graph.queries import attendees
>>> from graph.queries.examples import example_store
>>> graph = coattendance_graph(attendees(example_store()))
>>> graph["person-196c510cc4942ec8"]["person-5e16b393d28b576d"]["weight"]
2
"""

from graph.analytics.centrality import centrality, communities, network_table
from graph.analytics.coattendance import coattendance_graph, coattendance_network

__all__ = ["centrality", "coattendance_graph", "coattendance_network", "communities", "network_table"]
