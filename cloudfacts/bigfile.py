"""Files too large to hold in memory: decoded incrementally and extracted in
chunks cut at paragraph (else line, else word) boundaries, with offsets, lines
and ids of the mentions those of the whole file."""
from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import Iterator, Optional

from .model import Document, Mention, mention_id

BLOCK = 1 << 20


def file_sha1(path: Path) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(BLOCK), b""):
            h.update(block)
    return h.hexdigest()


def _encoding(head: bytes) -> str:
    from .sources import _decode_legacy

    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4:  # a character cut by the end of the block
            return "utf-8"
    return _decode_legacy(head)[1]


def chunks(path: Path, size: int) -> Iterator[tuple[str, int, int, str]]:
    """(text, character offset, line offset, encoding) of successive chunks."""
    with open(path, "rb") as f:
        head = f.read(size)
        if b"\x00" in head[:8192]:
            raise ValueError("binary file (NUL bytes), skipped")
        enc = _encoding(head[:BLOCK])
        decoder = codecs.getincrementaldecoder(enc)(errors="replace")
        buf = decoder.decode(head, final=False)
        if buf.startswith("\ufeff"):
            buf = buf[1:]
        char_off = line_off = 0
        while True:
            block = f.read(size)
            final = not block
            buf += decoder.decode(block, final=final)
            if final:
                piece, buf = buf, ""
            else:
                cut = buf.rfind("\n\n", 0, size)
                if cut < size // 4:
                    cut = buf.rfind("\n", 0, size)
                if cut < size // 4:
                    cut = buf.rfind(" ", 0, size)
                cut = len(buf) if cut <= 0 else cut + 1
                piece, buf = buf[:cut], buf[cut:]
            if piece:
                yield piece, char_off, line_off, enc
                char_off += len(piece)
                line_off += piece.count("\n")
            if final:
                break


def extract_big(path: Path, source: str, sha1: str, size: int, ref_date=None,
                aliases: Optional[dict] = None) -> Iterator[tuple[list[Mention], int, str, Optional[str]]]:
    """(mentions, characters, encoding, reference date) of each chunk, in order."""
    from .extractors.dates import find_ref_date
    from .pipeline import extract_document

    ref = ref_date
    first = True
    for text, char_off, line_off, enc in chunks(path, size):
        if first:
            ref = find_ref_date(text) or ref_date
            first = False
        doc = Document(source=source, text=text, ref_date=ref, encoding=enc)
        out = []
        for m in extract_document(doc, aliases):
            start, end = m.start + char_off, m.end + char_off
            out.append(m.with_(start=start, end=end, line=m.line + line_off,
                               id=mention_id(sha1, start, end, m.kind)))
        yield out, len(text), enc, ref.isoformat() if ref else None
