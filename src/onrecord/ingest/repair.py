"""Bytes → text honestly: decode as UTF-8, say where it is not, and undo mojibake.

A file with one stray Windows-1252 byte is still UTF-8 everywhere else, so only that
byte is read as Windows-1252, and the user is told where it was.  Text that was
once UTF-8 decoded as Windows-1252 ("Â£", "â€œ") is repaired with ftfy before
analysis; the repaired text is what is stored, so every offset indexes it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import ftfy

from ..errors import Errors, InputError


@dataclass
class Decoded:
    text: str
    notes: list[str] = field(default_factory=list)


_BAD_BYTES: list[tuple[int, int]] = []


def _one_byte_as_cp1252(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Decoding error handler: the offending bytes as Windows-1252 (Latin-1 where it has none)."""
    chunk = exc.object[exc.start : exc.end]
    _BAD_BYTES.append((exc.start, chunk[0]))
    chars = []
    for byte in chunk:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(bytes([byte]).decode("latin-1"))
    return "".join(chars), exc.end


codecs.register_error("onrecord-cp1252", _one_byte_as_cp1252)


def decode(raw: bytes, where: str) -> Decoded | InputError:
    """UTF-8 (BOM removed); bytes that are not UTF-8 read as Windows-1252 and reported."""
    if b"\x00" in raw[:8192] or _mostly_control(raw[:8192]):
        return InputError(Errors.E001, where=where)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    _BAD_BYTES.clear()
    text = raw.decode("utf-8", errors="onrecord-cp1252")
    notes = []
    if _BAD_BYTES:
        position, byte = _BAD_BYTES[0]
        line = raw.count(b"\n", 0, position) + 1
        more = f" and {len(_BAD_BYTES) - 1} more" if len(_BAD_BYTES) > 1 else ""
        notes.append(
            f"{where}: byte 0x{byte:02X} at offset {position} (line {line}){more} is not UTF-8;"
            " read as Windows-1252. Re-save the file as UTF-8 if that is wrong."
        )
        _BAD_BYTES.clear()
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), notes)


def _mostly_control(sample: bytes) -> bool:
    if not sample:
        return False
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control / len(sample) > 0.05


def fix_mojibake(text: str) -> tuple[str, str | None]:
    """The text with mojibake undone, and a note showing the first repair (None if none)."""
    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return text, None
    return fixed, f"mojibake repaired ({_first_change(text, fixed)})"


def _first_change(before: str, after: str) -> str:
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    tail = 0
    while (
        tail < min(len(before), len(after)) - start
        and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]
    ):
        tail += 1
    old, new = before[start : len(before) - tail], after[start : len(after) - tail]
    return f"{old[:20]!r} → {new[:20]!r}"
