"""Web pages against snippets: is the article kept, and the page furniture left out?

``../shared/corpus/web-dev/snippets.json`` lists, per saved page, text that must
survive extraction (``with``) and page furniture that must not (``without``).  Each
page goes through ``onrecord analyze`` as a user's would; the stored text is then
checked (folded: case, accents, curly quotes, whitespace), and the metadata and the
statements found with a named speaker are reported beside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .metrics import fold


@dataclass
class PageResult:
    page: str
    kept: int
    with_total: int
    leaked: int
    without_total: int
    title: str | None
    published: str | None
    outlet: str | None
    author: str | None
    statements: int
    named: int
    missing: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class WebReport:
    pages: list[PageResult]

    @property
    def kept(self) -> tuple[int, int]:
        return sum(p.kept for p in self.pages), sum(p.with_total for p in self.pages)

    @property
    def leaked(self) -> tuple[int, int]:
        return sum(p.leaked for p in self.pages), sum(p.without_total for p in self.pages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kept": list(self.kept),
            "leaked": list(self.leaked),
            "pages": [p.__dict__ for p in self.pages],
        }


def load_snippets(corpus: Path) -> dict[str, dict]:
    return json.loads((corpus / "snippets.json").read_text("utf-8"))


def score_page(name: str, gold: dict, document: dict | None, statements: list[dict], error: str | None = None) -> PageResult:
    text = fold(document["text"]) if document else ""
    missing = [s for s in gold.get("with", []) if fold(s) not in text]
    leaks = [s for s in gold.get("without", []) if fold(s) in text]
    return PageResult(
        page=name,
        kept=len(gold.get("with", [])) - len(missing),
        with_total=len(gold.get("with", [])),
        leaked=len(leaks),
        without_total=len(gold.get("without", [])),
        title=document.get("title") if document else None,
        published=document.get("published") if document else None,
        outlet=document.get("outlet") if document else None,
        author=document.get("author") if document else None,
        statements=len(statements),
        named=sum(1 for s in statements if s["speaker"] and s["speaker"]["name"]),
        missing=missing,
        leaks=leaks,
        error=error,
    )


def render_web(report: WebReport, errors: bool = False) -> str:
    kept, with_total = report.kept
    leaked, without_total = report.leaked
    lines = [
        f"Web pages (web-dev) — {len(report.pages)} pages",
        f"  article snippets kept     {kept}/{with_total}",
        f"  furniture snippets leaked {leaked}/{without_total}",
    ]
    for p in report.pages:
        lines.append(
            f"  {p.page:<40} kept {p.kept}/{p.with_total} leaked {p.leaked}/{p.without_total}"
            f"  {p.published or 'undated'} · {p.outlet or '?'} · {p.title or '?'}"
            f" · {p.named}/{p.statements} statements with a named speaker"
        )
        if p.error:
            lines.append(f"      error: {p.error}")
        if errors:
            lines += [f"      missing: {m!r}" for m in p.missing] + [f"      leaked: {m!r}" for m in p.leaks]
    return "\n".join(lines)
