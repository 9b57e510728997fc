"""Speakers and the entities they speak about, as a graph for Gephi (GraphML or GEXF).

Nodes are canonical speakers and entities (with their type); a directed edge
``speaker → entity`` is weighted by how many of the speaker's statements name the
entity.  networkx writes the files, so Gephi, Cytoscape and yEd all read them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import networkx as nx


def speaker_network(edges: Iterable[tuple[str, str, str, str, int]]) -> "nx.DiGraph":
    """A graph from (speaker, speaker type, entity, entity type, statements) rows."""
    graph = nx.DiGraph()
    for speaker, speaker_type, entity, entity_type, n in edges:
        for name, kind in ((speaker, speaker_type), (entity, entity_type)):
            if name not in graph:
                graph.add_node(name, label=name, type=kind, statements=0)
        graph.nodes[speaker]["statements"] += n
        graph.add_edge(speaker, entity, weight=n)
    return graph


def write_graph(graph: "nx.DiGraph", fmt: str) -> bytes:
    """The graph as GraphML or GEXF bytes."""
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(graph, buffer, encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}: graphml or gexf")
    return buffer.getvalue()
