"""The reporting-cue lexicon: which words introduce what someone said, and how.

Every cue carries a class (assert, deny, warn, accuse, ask, believe, find, promise …)
so users can filter denials from warnings, and so the speech act's polarity can be
derived: a denial asserts the opposite of its content.  Verbs and nouns are kept
apart because they attach to speakers and content differently in the parse.
"""

from __future__ import annotations

from dataclasses import dataclass

# Verb lemma → class.  Grouped by class so a reviewer can see the coverage at a glance.
_VERBS_BY_CLASS: dict[str, str] = {
    "assert": """say tell add state note explain insist claim assert argue contend maintain
        remark comment observe reply respond answer mention declare write tweet post
        allege stress emphasize emphasise reiterate repeat recall describe point
        testify affirm aver contend concur agree quip joke boast brag continue
        clarify elaborate talk speak refer specify suggest hint imply indicate signal insinuate
        counter retort rebut interject chime shout yell scream whisper mutter murmur
        chant sing recount relate narrate characterize characterise label brand
        dub call term proclaim pronounce opine lament echo tout trumpet portray depict
        paint cast frame justify bemoan downplay remind assure reassure""",
    "deny": """deny reject dismiss refute dispute disavow rebuff repudiate contradict
        debunk disclaim gainsay rebut""",
    "warn": """warn caution alert threaten""",
    "accuse": """accuse blame charge criticize criticise condemn attack blast slam
        denounce decry fault castigate berate lambaste scold rip assail complain
        mock ridicule rail chastise deride""",
    "ask": """ask question wonder inquire enquire query demand request urge plead
        appeal beg implore encourage invite grill press exhort""",
    "believe": """believe think feel suspect figure assume doubt expect fear hope
        reckon guess presume suppose imagine consider worry understand know sense
        wish predict anticipate forecast estimate trust learn hear decide envision
        view regard comprehend""",
    "find": """find show reveal conclude report determine establish discover confirm
        demonstrate prove document detail identify cite measure calculate indicate
        suggest rate rank rule""",
    "promise": """promise pledge vow guarantee swear vouch""",
    "admit": """admit acknowledge concede confess grant allow recognize recognise""",
    "announce": """announce disclose unveil publish release inform notify brief
        advise""",
    "recommend": """recommend advocate propose call""",
    "support": """support endorse praise defend welcome admire applaud hail favor
        favour champion commend laud celebrate oppose back promote despise""",
    "intend": """want plan seek intend aim decline refuse offer vow""",
    "discuss": """discuss mention cite reference liken compare link outline highlight
        address acknowledge invoke debate examine""",
}

# Noun lemma → class, for nominal attributions ("Putin's denials that…").
_NOUNS_BY_CLASS: dict[str, str] = {
    "assert": """statement claim assertion remark comment argument contention insistence
        tweet post message word testimony account explanation suggestion view opinion
        position allegation assurance declaration insinuation description
        reply response answer story narrative version talk speech interview
        letter memo email op-ed editorial rhetoric""",
    "deny": """denial rejection dismissal refutation rebuttal disavowal repudiation""",
    "warn": """warning caution alert threat""",
    "accuse": """accusation charge criticism condemnation complaint attack""",
    "ask": """question request demand call appeal plea query""",
    "believe": """belief view hope fear concern suspicion expectation assumption
        worry doubt impression sense feeling conviction prediction estimate forecast
        idea theory""",
    "find": """conclusion finding report study poll survey analysis assessment review
        investigation research data evidence estimate indication""",
    "promise": """promise pledge vow guarantee commitment assurance""",
    "admit": """admission acknowledgment acknowledgement concession confession""",
    "announce": """announcement disclosure revelation""",
    "intend": """decision determination eagerness reluctance refusal willingness
        agreement""",
}

# Noun classes whose content may be an infinitive ("her decision to run", "a vow to
# cut taxes"): intents, promises, requests and threats point at an act to come.
INFINITIVE_NOUN_CLASSES = frozenset({"intend", "promise", "warn"})

# Verbs whose subject is commonly a document, poll or report ("a poll shows").
NONHUMAN_SOURCE_NOUNS = frozenset(
    """poll survey study report analysis data research document review investigation
    memo letter message book paper filing ruling statement audit estimate figures numbers average
    record records findings assessment projection model forecast tally count""".split()
)

# Cue lemmas whose object is the listener, not the content: "told reporters".
ADDRESSEE_VERBS = frozenset("tell inform notify brief advise warn ask assure remind promise caution alert urge".split())

# Deny-class lemmas flip the polarity of the speech act.
DENY_CLASSES = frozenset({"deny"})

# Weak verbs whose object alone is never what was said: "released his tax returns",
# "allowed Clinton to win" report acts, not words.
CLAUSE_ONLY = frozenset("release publish allow grant suppose prove determine establish measure calculate".split())

# Verbs that report words only with a tensed clause: "recognized that it failed", not
# "recognized him as president" (a political act) or "learned of the plan"; with an
# infinitive or small clause they report an act, a permission or an obligation:
# "allows investors to gain", "was supposed to be escorted", "may prove to be
# transient", "determine whether…".
FINITE_CLAUSE_ONLY = frozenset("recognize recognise learn hear allow suppose prove determine rule".split())

# Verbs that only count as cues with a clausal complement ("figure that…"), never alone.
WEAK_VERBS = frozenset(
    """know understand sense feel see figure guess consider call point continue grant
    allow find show indicate suggest report rate rank measure calculate identify detail
    document establish determine release publish charge attack rip blast slam answer
    post write relate recount describe characterize characterise label brand dub term
    sing chant commit swear learn hear decide recognize recognise examine portray depict
    paint cast frame view regard press""".split()
)


@dataclass(frozen=True)
class CueEntry:
    lemma: str
    cls: str
    pos: str  # "VERB" | "NOUN" | "PHRASE"


def _build(table: dict[str, str], pos: str) -> dict[str, CueEntry]:
    out: dict[str, CueEntry] = {}
    for cls, words in table.items():
        for w in words.split():
            out.setdefault(w, CueEntry(w, cls, pos))
    return out


# Predicate adjectives of stance and belief ("X is confident that…", "X is critical
# of Y"): the subject holds the attitude; the clause or object is its content.
_ADJECTIVES_BY_CLASS: dict[str, str] = {
    "believe": """sure confident convinced certain aware afraid worried concerned hopeful
        doubtful optimistic pessimistic skeptical sceptical fearful adamant""",
    "accuse": """critical dismissive contemptuous scornful""",
    "support": """supportive opposed""",
}

# Nouns that say where someone stands when predicated of them: "X is a staunch
# opponent of Y", "X has been an outspoken supporter of Y".
STANCE_NOUNS: dict[str, str] = {
    "opponent": "support", "supporter": "support", "critic": "accuse", "defender": "support",
    "advocate": "support", "proponent": "support", "champion": "support", "backer": "support",
    "skeptic": "believe", "sceptic": "believe", "believer": "believe",
}

VERB_CUES: dict[str, CueEntry] = _build(_VERBS_BY_CLASS, "VERB")
NOUN_CUES: dict[str, CueEntry] = _build(_NOUNS_BY_CLASS, "NOUN")
ADJECTIVE_CUES: dict[str, CueEntry] = _build(_ADJECTIVES_BY_CLASS, "ADJ")

# Multi-word cues matched on lower-cased token sequences.
PHRASE_CUES: dict[tuple[str, ...], CueEntry] = {
    ("according", "to"): CueEntry("according to", "assert", "PHRASE"),
    ("in", "the", "words", "of"): CueEntry("in the words of", "assert", "PHRASE"),
    ("as", "reported", "by"): CueEntry("as reported by", "find", "PHRASE"),
}


# Irregular forms the suffix rules below cannot make.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",), "tell": ("told",), "think": ("thought",), "find": ("found",),
    "write": ("wrote", "written"), "speak": ("spoke", "spoken"), "know": ("knew", "known"),
    "feel": ("felt",), "show": ("shown",), "swear": ("swore", "sworn"), "see": ("saw", "seen"),
    "understand": ("understood",), "forecast": ("forecast",), "prove": ("proven",),
    "sing": ("sang", "sung"), "hold": ("held",), "mean": ("meant",), "give": ("gave", "given"),
    "make": ("made",), "teach": ("taught",), "seek": ("sought",), "grant": ("granted",),
    "forbid": ("forbade", "forbidden"), "foresee": ("foresaw", "foreseen"),
}


def _inflections(verb: str) -> set[str]:
    """Regular English verb forms: enough to pre-screen text, not to lemmatise it."""
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "es", verb + "ed", verb + "ing"}
        if len(verb) > 2 and verb[-1] in "bdgmnprt" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    forms.update(_IRREGULAR.get(verb, ()))
    return forms


def _cue_forms() -> frozenset[str]:
    forms: set[str] = {"according", "quoted", "quoting"}
    for verb in VERB_CUES:
        forms |= _inflections(verb)
    for noun in NOUN_CUES:
        forms |= {noun, noun + "s", noun + "es"}
    forms |= set(ADJECTIVE_CUES) | set(STANCE_NOUNS) | {noun + "s" for noun in STANCE_NOUNS}
    for lemma in ("says", "said", "tells", "told"):
        forms.add(lemma)
    return frozenset(forms)


# Every surface form of every cue, lower-cased: the pre-screen for likely sentences.
CUE_FORMS: frozenset[str] = _cue_forms()


def verb_cue(lemma: str) -> CueEntry | None:
    return VERB_CUES.get(lemma.lower())


# Surface forms of stance adjectives and nouns: a cheap screen before the parse is read.
STANCE_FORMS: frozenset[str] = frozenset(ADJECTIVE_CUES) | frozenset(STANCE_NOUNS) | {n + "s" for n in STANCE_NOUNS}


def adjective_cue(lemma: str) -> CueEntry | None:
    return ADJECTIVE_CUES.get(lemma.lower())


def stance_noun(lemma: str) -> CueEntry | None:
    cls = STANCE_NOUNS.get(lemma.lower())
    return CueEntry(lemma.lower(), cls, "NOUN") if cls else None


def noun_cue(lemma: str) -> CueEntry | None:
    return NOUN_CUES.get(lemma.lower())


def polarity_of(cls: str, negated: bool = False) -> str:
    """A deny-class cue is a denial; so is a negated assertion of a denial's opposite.

    "did not deny" stays an assertion (of nothing said), so negation only matters for
    the deny class itself: "has not denied" is not a denial.
    """
    if cls in DENY_CLASSES:
        return "assert" if negated else "deny"
    return "assert"
