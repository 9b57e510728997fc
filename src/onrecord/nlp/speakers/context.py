"""What resolving the next mention may draw on, and what a resolved piece of a mention is."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...model import Speaker
from .registry import Registry


@dataclass
class Context:
    """What resolution of the next mention may draw on."""

    registry: Registry
    previous: list[Speaker] = field(default_factory=list)
    doc: Doc | None = None


@dataclass
class _Piece:
    type: str = "OTHER"
    name: str | None = None
    role: str | None = None
    country: str | None = None
    members: list[str] = field(default_factory=list)


def _copy(target: Speaker, source: Speaker) -> None:
    target.type, target.name, target.role, target.country = source.type, source.name, source.role, source.country
    target.members = list(source.members)
