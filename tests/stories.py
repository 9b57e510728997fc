"""Stories for the identity and concurrency tests: copies of copies, one text under many ids, and a record dump."""

from __future__ import annotations

import json

from onrecord.model import Document
from onrecord.store import Store

WIRE = (
    "Port workers accept pay deal, ending harbour strike\n\n"
    "Dock workers at the port of Northport voted on Thursday to accept a new pay offer, ending a strike that had "
    "left container ships waiting at anchor for nine days.\n\n"
    "“This is a fair settlement and our members have shown what they are worth,” said Ines Calder, the union's "
    "regional organiser, after the count.\n\n"
    "The port authority said the first ships would be unloaded on Friday morning and that the backlog should be "
    "cleared within two weeks.\n\n"
    "Harbour master Piet Vandermolen said the authority had agreed to review night-shift staffing, one of the "
    "demands that had kept the two sides apart through three rounds of talks.\n\n"
    "Shipping companies had warned that a longer stoppage would push freight to rival ports along the coast, and "
    "local hauliers said they had laid off drivers during the dispute.\n\n"
    "The deal raises basic pay by five percent this year and by four percent next year, according to the union."
)


FERRY = (
    "Ferry crossings to resume after storm\n\n"
    "The island ferry will sail again on Monday after three days in port, the operator said on Friday, as the "
    "storm that closed the harbour moved north.\n\n"
    "“We will run two extra crossings on Monday to clear the backlog of cars and freight,” said Marta Lindqvist, "
    "the operator's chief executive.\n\n"
    "Islanders said shops had run short of bread and fresh milk by the weekend."
)


def story_inputs() -> list[Document]:
    """One chain of wire copies (A ~ B ~ C, A and C too unlike to be copies of each other), the smallest id on
    the last copy; the same text under three ids, the smallest one dated otherwise; a short text twice; a story alone."""
    paragraphs = WIRE.split("\n\n")
    a = "\n\n".join(paragraphs[:-1])
    c = WIRE + ("\n\nA spokeswoman for the shipping association said members were relieved that the dispute was "
                "over and that they hoped for calmer years.")
    short = "Strike ends\n\n“It is over,” said Ines Calder."
    alone = WIRE.split("\n\n", 1)[0] + "\n\n" + (
        "Bus drivers in Southport will strike on Tuesday over rotas, their union said. “Nobody wants this,” said "
        "Owen Marsh, the branch secretary, adding that talks had broken down on Thursday after two months.")
    dated = [("c-2", a, "2025-03-14"), ("c-5", WIRE, "2025-03-14"), ("c-9", c, "2025-03-15"), ("c-1", c, "2025-03-15"),
             ("e-3", FERRY, "2025-03-14"), ("e-7", FERRY, "2025-03-14"), ("e-0", FERRY, "2025-03-10"),
             ("s-4", short, "2025-03-14"), ("s-1", short, "2025-03-14"), ("u-1", alone, "2025-03-13")]
    return [Document(id=i, text=t, published=p, published_source="metadata", outlet=f"Outlet {i}",
                     url=f"https://example.org/{i}") for i, t, p in dated]


class Analyses:
    """The analyzer's answer per text and date, asked once: each order of the inputs gets the very same analyses."""

    def __init__(self, analyzer) -> None:
        self.analyzer = analyzer
        self.done: dict[tuple[str, str | None], object] = {}

    def __call__(self, doc):
        from onrecord.intake import _reused

        key = (doc.hash, doc.published)
        if key not in self.done:
            (self.done[key],) = list(self.analyzer.pipe([doc]))
        return _reused(self.done[key], doc)


def feed(intake, docs, analyse, lag: int) -> None:
    """As ``analyze`` does: decide each document, write appearances at once and analyses ``lag`` documents later."""
    queue = []
    for doc in docs:
        verdict = intake.decide(doc)
        if verdict.action in ("analyse", "reanalyse"):
            queue.append(doc)
        else:
            intake.record(verdict)
        while len(queue) > lag:
            with intake.store.transaction():
                intake.write(analyse(queue.pop(0)), "m")
    while queue:
        with intake.store.transaction():
            intake.write(analyse(queue.pop(0)), "m")


def dump(db) -> dict[str, list]:
    """The record as a person would compare it: what is stored, under which ids, with which statements."""
    from dataclasses import asdict

    with Store(db) as store:
        appearances = store.appearances()
        return {
            "documents": sorted((d.id, d.hash, d.published, d.outlet, d.url) for d in store.documents()),
            "appearances": sorted((a.id, a.doc_hash, a.text_hash, round(a.similarity, 9), a.published, a.outlet, a.url)
                                  for a in appearances),
            "texts": sorted((a.text_hash, store.text_of(a.text_hash) is not None) for a in appearances),
            "statements": sorted(json.dumps(asdict(s), sort_keys=True) for s in store.statements()),
            "times": sorted(json.dumps(asdict(t), sort_keys=True) for t in store.times()),
        }


