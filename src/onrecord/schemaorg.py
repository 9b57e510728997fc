"""The record in schema.org terms: confirmed contradictions as ``ClaimReview`` drafts,
statements as ``Quotation``s, as JSON-LD a fact-checking CMS or a search engine reads.

A draft leaves the verdict (``reviewRating``) to the fact-checker: onrecord knows
that two statements do not fit together, not which one is false.  ``check`` tests a
JSON-LD object against the part of the schema.org vocabulary used here, kept in
``web/data/schemaorg.json``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import Document, Statement

CONTEXT = "https://schema.org"
VOCABULARY = Path(__file__).parent / "web" / "data" / "schemaorg.json"


def _agent(st: Statement) -> dict[str, Any] | None:
    """The speaker as a Person or Organization (groups and unknown speakers as Organization/None)."""
    sp = st.speaker
    if sp is None:
        return None
    name = sp.name or sp.mention
    kind = "Person" if sp.type == "PERSON" else "Organization"
    agent: dict[str, Any] = {"@type": kind, "name": name}
    if sp.role and kind == "Person":
        agent["jobTitle"] = sp.role
    return agent


def _article(doc: Document | None, doc_id: str) -> dict[str, Any]:
    """Where a statement appeared: the article, its outlet, date and address when known."""
    work: dict[str, Any] = {"@type": "NewsArticle", "identifier": doc_id}
    if doc is not None:
        if doc.title:
            work["headline"] = doc.title
        if doc.url:
            work["url"] = doc.url
        if doc.published:
            work["datePublished"] = doc.published
        if doc.outlet:
            work["publisher"] = {"@type": "Organization", "name": doc.outlet}
    return work


def quotation(st: Statement, doc: Document | None, *, context: bool = True) -> dict[str, Any]:
    """One statement as a schema.org ``Quotation`` (who said it, where it appeared, when)."""
    q: dict[str, Any] = {"@type": "Quotation", "identifier": st.id, "text": st.content}
    if context:
        q = {"@context": CONTEXT, **q}
    agent = _agent(st)
    if agent is not None:
        q["spokenByCharacter"] = agent
        q["creator"] = agent
    elif st.kind == "narration" and doc is not None and doc.outlet:
        q["creator"] = {"@type": "Organization", "name": doc.outlet}
    if st.date:
        q["dateCreated"] = st.date
    q["isPartOf"] = _article(doc, st.doc_id)
    return q


def claim_side(a: Statement, b: Statement) -> tuple[Statement, Statement]:
    """(claim, evidence): the claim reviewed is a speaker's statement, not the outlet's own voice.

    When both sides have speakers, the denial is the claim under review (a denial
    is what a report of the facts contradicts); else the first side.
    """
    if a.speaker is None and b.speaker is not None:
        return b, a
    if b.speaker is not None and a.speaker is not None and b.polarity == "deny" and a.polarity != "deny":
        return b, a
    return a, b


def claim_review(
    a: Statement,
    b: Statement,
    docs: dict[str, Document],
    *,
    why: str,
    reviewer: str,
    reviewed_at: str,
    note: str = "",
    link_id: str = "",
) -> dict[str, Any]:
    """A ``ClaimReview`` draft for a confirmed contradiction between ``a`` and ``b``."""
    claim, evidence = claim_side(a, b)
    item: dict[str, Any] = {"@type": "Claim", "text": claim.content}
    author = _agent(claim)
    if author is not None:
        item["author"] = author
    if claim.date:
        item["datePublished"] = claim.date
    item["appearance"] = [_article(docs.get(claim.doc_id), claim.doc_id)]
    item["firstAppearance"] = item["appearance"][0]
    evidence_who = _agent(evidence)
    evidence_doc = docs.get(evidence.doc_id)
    source = (evidence_who or {}).get("name") or (evidence_doc.outlet if evidence_doc and evidence_doc.outlet else evidence.doc_id)
    body = f"Contradicted by {source}: {evidence.content}"
    if why:
        body += f" (evidence: {why})"
    if note:
        body += f" Reviewer's note: {note}"
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "identifier": link_id or f"{claim.id}~{evidence.id}",
        "claimReviewed": claim.content,
        "itemReviewed": item,
        "author": {"@type": "Person", "name": reviewer},
        "datePublished": reviewed_at[:10],
        "reviewBody": body,
        "citation": [quotation(evidence, evidence_doc, context=False)],
        # The verdict is the fact-checker's to give: a Rating with its value left empty.
        "reviewRating": {"@type": "Rating", "alternateName": None, "ratingValue": None, "bestRating": 5, "worstRating": 1},
    }


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))


def _properties(type_name: str) -> dict[str, list[str]]:
    """Every property a type may carry (its own and its ancestors'), with their ranges."""
    types = vocabulary()["types"]
    props: dict[str, list[str]] = {}
    name: str | None = type_name
    while name:
        entry = types[name]
        for prop, ranges in entry.get("properties", {}).items():
            props.setdefault(prop, ranges)
        name = entry.get("parent")
    return props


def _is_a(type_name: str, wanted: str) -> bool:
    types = vocabulary()["types"]
    name: str | None = type_name
    while name:
        if name == wanted:
            return True
        name = types.get(name, {}).get("parent")
    return False


def check(node: Any, path: str = "$") -> list[str]:
    """Problems with a JSON-LD node against the schema.org vocabulary file ([] when valid).

    Checks that every ``@type`` is a known type, every property belongs to that
    type (or an ancestor), every nested node's type is in the property's range, and
    literal values are of a literal range (Text, Date, Number, URL).
    """
    problems: list[str] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            problems += check(item, f"{path}[{i}]")
        return problems
    if not isinstance(node, dict):
        return [f"{path}: expected a node, got {type(node).__name__}"]
    kind = node.get("@type")
    if kind not in vocabulary()["types"]:
        return [f"{path}: unknown @type {kind!r}"]
    allowed = _properties(kind)
    literals = set(vocabulary()["literals"])
    for prop, value in node.items():
        if prop.startswith("@"):
            if prop == "@context" and value != CONTEXT:
                problems.append(f"{path}.@context: expected {CONTEXT}")
            continue
        if prop not in allowed:
            problems.append(f"{path}.{prop}: not a property of {kind}")
            continue
        ranges = allowed[prop]
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{prop}" + (f"[{i}]" if isinstance(value, list) else "")
            if item is None:
                continue
            if isinstance(item, dict):
                inner = item.get("@type")
                if not any(_is_a(inner, r) for r in ranges if r not in literals):
                    problems.append(f"{where}: {inner!r} is not in the range {ranges}")
                problems += check(item, where)
            elif not any(r in literals for r in ranges):
                problems.append(f"{where}: a literal where {ranges} is expected")
            elif isinstance(item, (int, float)) and not {"Number", "Integer", "Text"} & set(ranges):
                problems.append(f"{where}: a number where {ranges} is expected")
    return problems
