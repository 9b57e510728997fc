"""Part-of-speech and lemmas at a fraction of the cost of the stock components.

The English pipeline maps tags to coarse POS with an AttributeRuler (a Matcher over
every token) and lemmatises every token with Python rules.  Together they cost more
than the parser.  onrecord needs POS everywhere but lemmas only on content words,
so this component compiles the ruler's own patterns into dictionary lookups and
lemmatises verbs and nouns through the stock lemmatizer with a cache.  The result is
the same annotation where onrecord looks, computed several times faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

LEMMATISED_POS = frozenset({"VERB", "AUX", "NOUN"})

Rule = tuple[int, dict[str, Any]]  # (pattern index, attrs)


class CompiledRuler:
    """The AttributeRuler's single-token patterns as dictionary lookups, in its order.

    Later patterns take precedence, as they do in spaCy's AttributeRuler.
    """

    def __init__(self, patterns: Iterable[dict[str, Any]]) -> None:
        self.by_key: dict[tuple, list[Rule]] = {}
        self.generic: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
        self.pairs: list[tuple[int, list[dict[str, Any]], int, dict[str, Any]]] = []
        for index, pattern in enumerate(patterns):
            for tokens in pattern["patterns"]:
                self._add(index, tokens, pattern.get("attrs", {}), pattern.get("index", 0))

    def _add(self, index: int, tokens: list[dict[str, Any]], attrs: dict[str, Any], target: int) -> None:
        if not all(set(t) <= _ATTRS for t in tokens):
            return
        if len(tokens) == 2:
            self.pairs.append((index, tokens, target, attrs))
        elif len(tokens) == 1:
            keys = _expand(tokens[0])
            if keys:
                for key in keys:
                    self.by_key.setdefault(key, []).append((index, attrs))
            else:
                self.generic.append((index, tokens[0], attrs))

    @property
    def pair_trigger(self) -> re.Pattern[str] | None:
        """One regex over the second token's lower form, so most tokens skip the pairs."""
        if not hasattr(self, "_trigger"):
            parts: list[str] = []
            for _, (_, second), _, _ in self.pairs:
                want = second.get("LOWER")
                if want is None:
                    parts = [".*"]
                    break
                if isinstance(want, dict):
                    parts += [re.escape(w) for w in want.get("IN", [])]
                    parts += [f"(?:{want['REGEX']})"] if "REGEX" in want else []
                else:
                    parts.append(re.escape(want))
            self._trigger = re.compile("(?:" + "|".join(parts) + ")$") if parts else None
        return self._trigger

    def rules_for(self, values: dict[str, Any]) -> list[Rule]:
        found: list[Rule] = []
        for names in _KEY_SHAPES:
            rules = self.by_key.get(tuple((n, values[n]) for n in names))
            if rules:
                found.extend(rules)
        found.extend((index, attrs) for index, spec, attrs in self.generic if _matches(spec, values))
        found.sort(key=lambda r: r[0])
        return found


_ATTRS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})


def _token_values(tok: Token) -> dict[str, Any]:
    return {"TAG": tok.tag_, "LOWER": tok.lower_, "DEP": tok.dep_, "IS_SPACE": tok.is_space}


def _matches(spec: dict[str, Any], values: dict[str, Any]) -> bool:
    """Matcher semantics for the operators the English ruler uses: exact, IN, NOT_IN, REGEX."""
    for name, want in spec.items():
        have = values[name]
        if isinstance(want, dict):
            if set(want) - {"IN", "NOT_IN", "REGEX"}:
                return False
            if "REGEX" in want and not re.search(want["REGEX"], str(have)):
                return False
            if "IN" in want and have not in want["IN"]:
                return False
            if "NOT_IN" in want and have in want["NOT_IN"]:
                return False
        elif have != want:
            return False
    return True


def _expand(spec: dict[str, Any]) -> list[tuple]:
    """Exact keys for a token pattern; ``{"IN": [...]}`` values become one key each."""
    keys: list[list[tuple[str, Any]]] = [[]]
    for name in sorted(spec):
        value = spec[name]
        if isinstance(value, dict):
            options = value.get("IN")
            if options is None or len(value) != 1:
                return []
        else:
            options = [value]
        keys = [k + [(name, v)] for k in keys for v in options]
    return [tuple(k) for k in keys]


_KEY_SHAPES = (
    ("TAG",),
    ("LOWER",),
    ("DEP",),
    ("LOWER", "TAG"),
    ("DEP", "LOWER"),
    ("DEP", "TAG"),
    ("DEP", "LOWER", "TAG"),
    ("IS_SPACE", "TAG"),
    ("IS_SPACE",),
    ("DEP", "IS_SPACE"),
)


class FastMorph:
    """spaCy component: POS from the compiled ruler, lemmas for content words."""

    def __init__(self, ruler_patterns: Iterable[dict[str, Any]], lemmatizer: Any) -> None:
        self.ruler = CompiledRuler(ruler_patterns)
        self.lemmatizer = lemmatizer
        self._source: Language | None = None
        self._cache: dict[tuple[int, ...], tuple[int, int, int]] = {}
        self._rules: dict[tuple[str, str, str, bool], tuple[str, str, str | None, str | None]] = {}
        self._lemmas: dict[tuple[str, str, str, str | None], str] = {}

    @classmethod
    def bound_to(cls, nlp: Language) -> "FastMorph":
        """A FastMorph that takes its tables from ``nlp``'s ruler and lemmatizer when it first runs.

        A pipeline loaded from disk builds its components in order, and this one stands
        before the ruler it replaces, whose patterns are read from disk after all are built.
        """
        morph = cls([], None)
        morph._source = nlp
        return morph

    def _bind(self, nlp: Language) -> None:
        names = nlp.component_names
        self.ruler = CompiledRuler(nlp.get_pipe("attribute_ruler").patterns if "attribute_ruler" in names else [])
        self.lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in names else None
        self._source = None

    def __call__(self, doc: Doc) -> Doc:
        if self._source is not None:
            self._bind(self._source)
        if not len(doc):
            return doc
        keys = doc.to_array([ORTH, TAG, DEP, IS_SPACE])
        out = numpy.empty((len(doc), 3), dtype="uint64")
        cache = self._cache
        for i, row in enumerate(keys.tolist()):
            key = tuple(row)
            value = cache.get(key)
            if value is None:
                value = cache[key] = self._annotate(doc[i])
            out[i] = value
        doc.from_array([TAG, POS, LEMMA], out)
        self._apply_bigrams(doc)
        return doc

    def _annotate(self, tok: Token) -> tuple[int, int, int]:
        """(tag, pos, lemma) for one token shape, computed once and cached."""
        shape = (tok.lower_, tok.tag_, tok.dep_, tok.is_space)
        ruled = self._rules.get(shape)
        if ruled is None:
            ruled = self._rules[shape] = self._apply_rules(tok)
        tag, pos, lemma, morph = ruled
        if lemma is None:
            if pos in LEMMATISED_POS and self.lemmatizer is not None:
                lemma = self._rule_lemma(tok, tag, pos, morph)
            else:
                lemma = tok.text if pos == "PROPN" else tok.lower_
        strings = tok.vocab.strings
        return (strings.add(tag), strings.add(pos) if pos else 0, strings.add(lemma))

    def _apply_rules(self, tok: Token) -> tuple[str, str, str | None, str | None]:
        tag, pos, lemma, morph = tok.tag_, tok.pos_, None, None
        for _, attrs in self.ruler.rules_for(_token_values(tok)):
            pos = attrs.get("POS", pos)
            tag = attrs.get("TAG", tag)
            lemma = attrs.get("LEMMA", lemma)
            morph = attrs.get("MORPH", morph)
        return tag, pos, lemma, morph

    def _rule_lemma(self, tok: Token, tag: str, pos: str, morph: str | None) -> str:
        """The stock lemmatizer's answer for this form, tag, POS and morphology."""
        key = (tok.text, tag, pos, morph)
        lemma = self._lemmas.get(key)
        if lemma is None:
            # The token's own annotation is overwritten from the array afterwards.
            tok.tag_ = tag
            tok.pos_ = pos
            tok.set_morph(morph or None)
            lemma = self._lemmas[key] = self.lemmatizer.rule_lemmatize(tok)[0]
        return lemma

    def _apply_bigrams(self, doc: Doc) -> None:
        """Two-token patterns ("there is" → VERB): few, so matched directly."""
        trigger = self.ruler.pair_trigger
        if trigger is None:
            return
        for i in range(1, len(doc)):
            if not trigger.match(doc[i].lower_):
                continue
            for index, (first, second), target, attrs in self.ruler.pairs:
                a, b = doc[i - 1], doc[i]
                if _matches(second, _token_values(b)) and _matches(first, _token_values(a)):
                    tok = doc[i - 1 + target]
                    if "POS" in attrs:
                        tok.pos_ = attrs["POS"]
                    if "LEMMA" in attrs:
                        tok.lemma_ = attrs["LEMMA"]


@Language.factory(
    "onrecord_morph",
    assigns=["token.tag", "token.pos", "token.lemma"],
    requires=["token.tag", "token.dep"],
)
def make_fast_morph(nlp: Language, name: str) -> FastMorph:
    """Use the pipeline's own ruler and lemmatizer (bound on first use), so tables stay theirs."""
    return FastMorph.bound_to(nlp)
