"""Reading inputs: metadata from headers, JSON Lines, folders, stdin, and bad input."""

from __future__ import annotations

import io
import json

from onrecord.errors import InputError
from onrecord.ingest import read_inputs
from onrecord.ingest.header import find_outlet, find_published, normalise_published


def split(items):
    docs = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def test_header_date_and_time_lines():
    text = "Mayor Says Port Will Reopen\n\nMar 14, 2025\n8:40 AM\n\nThe mayor said so."
    assert find_published(text) == "2025-03-14T08:40"
    assert find_published("Title\n\n6 June 2019\n\nBody.") == "2019-06-06"
    assert find_published("Title\n\nThe vote on June 6, 2019 was close.") is None


def test_dateline_outlet():
    assert find_outlet("Title\n\n(Harbour Times) -- The mayor said.") == "Harbour Times"
    assert find_outlet("Title\n\nWASHINGTON (Reuters) - Officials said.") == "Reuters"
    assert find_outlet("Title\n\nNo dateline here.") is None


def test_wire_datelines_with_a_date_or_a_state():
    assert find_outlet("Title\n\nLONDON, Dec 2 (Reuters) - Officials said.") == "Reuters"
    assert find_outlet("Title\n\nPORTLAND, Ore., Sept. 12 (UPI) — The mayor said.") == "UPI"
    assert find_outlet("Title\n\nCAIRO (AP) — Officials said.") == "AP"
    assert find_outlet("Title\n\nThe man (Bob) - said so.") is None


def test_published_normalised():
    assert normalise_published("2019-06-06") == "2019-06-06"
    assert normalise_published("2019-06-06 09:07") == "2019-06-06T09:07"
    assert normalise_published("June 6") is None


def test_seed_files_metadata(shared):
    docs, errors = split(list(read_inputs([str(shared / "corpus" / "seeds")])))
    assert not errors
    by_id = {d.id: d for d in docs}
    first = by_id["000_74f9bc2048f974de.txt"]
    assert (first.outlet, first.published) == ("Bloomberg", None)
    second = by_id["002_67183b8b9b4f04f6.txt"]
    assert (second.published, second.published_source) == ("2019-06-06T09:07", "text")
    assert second.title == "Putin Says No Plans to Send Troops to Venezuela"


def test_text_is_kept_exactly(tmp_path):
    raw = "Title\r\n\r\n“Quoted,” she said.\r\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8-sig"))
    (doc,) = read_inputs([str(tmp_path / "a.txt")])
    assert doc.text == "Title\n\n“Quoted,” she said.\n"


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "The mayor said it was fine.", "published": "2025-03-14", "outlet": "HT"}),
        "{not json",
        json.dumps({"id": "b"}),
        "",
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"id": "d", "text": "Ok.", "published": "last week"}),
        json.dumps({"id": "e", "text": 5}),
        json.dumps({"id": 7, "text": "Numeric ids are fine."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, errors = split(list(read_inputs([str(path)])))
    assert [d.id for d in docs] == ["a", "7"]
    assert docs[0].published == "2025-03-14" and docs[0].published_source == "metadata" and docs[0].outlet == "HT"
    codes = [(e.code.name, e.kwargs["where"].rsplit(":", 1)[1]) for e in errors]
    assert codes == [("E004", "2"), ("E005", "3"), ("E003", "5"), ("E015", "6"), ("E008", "7")]
    assert str(path) in str(errors[0])


def test_bad_files_are_named_and_the_rest_lands(tmp_path):
    (tmp_path / "good.txt").write_text("Title\n\nThe mayor said it was fine.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owner said \x93yes\x94.".encode("latin-1"))
    docs, errors = split(list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")])))
    assert sorted(d.id for d in docs) == ["good.txt", "latin1.txt"]
    latin = next(d for d in docs if d.id == "latin1.txt")
    assert latin.text == "Café owner said “yes”."
    assert sorted(e.code.name for e in errors) == ["E001", "E003", "E007"]


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    (item,) = read_inputs([str(tmp_path / "big.txt")], max_chars=100)
    assert isinstance(item, InputError) and item.code.name == "E006"


def test_stdin_text_and_jsonl():
    (doc,) = read_inputs(["-"], stdin=io.StringIO("Headline\n\nShe said no."), outlet="Wire")
    assert (doc.id, doc.outlet) == ("stdin", "Wire")
    docs = list(read_inputs(["-"], stdin=io.StringIO('{"id": "x", "text": "He said yes."}\n')))
    assert [d.id for d in docs] == ["x"]


def test_published_override_and_bad_override(tmp_path):
    (tmp_path / "a.txt").write_text("T\n\nJun 6, 2019\n\nBody.", encoding="utf-8")
    (doc,) = read_inputs([str(tmp_path)], published="2019-05-03")
    assert (doc.published, doc.published_source) == ("2019-05-03", "metadata")
    (err,) = read_inputs([str(tmp_path)], published="Friday")
    assert isinstance(err, InputError) and err.code.name == "E015"


def test_wire_copy_normalisation_folds_case_accents_and_compatibility_forms():
    from onrecord.ingest.dedup import normalise

    assert normalise("Café Señor ZÜRICH naïve") == "cafe senor zurich naive"
    assert normalise("ﬁnal ½ e\u0301 \u0301") == "final 1\u20442 e "
    assert normalise("“Quoted” – 東京") == "“quoted” – 東京"
    assert normalise("plain ASCII, kept.") == "plain ascii, kept."
