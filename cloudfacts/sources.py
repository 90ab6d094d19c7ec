"""Reading sources: files, folders, stdin; decoding; HTML reduced to text.

Offsets of mentions refer to the decoded text after BOM removal; for HTML, to
the text this module extracts from the page (scripts and styles dropped,
entities decoded, block elements on lines of their own).
"""
from __future__ import annotations

import os
import stat
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator, Optional, Union

from .model import Document

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
READ_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_BYTES = 512 * 1024 * 1024


# what a text gets when one of the rules' time bounds (rx.py) runs out on it
TIMED_OUT = "a rule ran out of time on this text, skipped"


@dataclass(frozen=True)
class SourceProblem:
    """An input that could not be read (`failed`) or was passed over (not failed)."""

    source: str
    message: str
    failed: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Item = Union[Document, SourceProblem]


# Elements whose text is not the page's text, and elements that end a line.
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object"})
_BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                    "section", "article", "header", "footer", "blockquote", "pre", "title", "hr", "dd", "dt",
                    "main", "aside", "nav", "figure", "figcaption", "caption", "td", "th", "address", "dl"})
_SPACES = re.compile(r"[ \t\r\f\v]+")


# Markdown's markup, line by line: what opens a line (headings, bullets, numbered
# items, quotes), fences and rules, then inline: images and links keep their text,
# emphasis and code keep their content.
_MD_LINE = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)")
_MD_DROP = re.compile(r"^[ \t]{0,3}(?:```.*|~~~.*|(?:[-*_=][ \t]*){3,})$")
_MD_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*_~`])(\*\*|__|\*|_|~~|`+)(?=\S)(.+?)(?<=\S)\1(?![\w*_~`])")


def markdown_to_text(text: str) -> str:
    """The text of a Markdown document as a reader sees it: `## Titre` is `Titre`,
    `- **Safran détient 51 %**` is `Safran détient 51 %`, `[Orange](https://…)`
    is `Orange`.  Offsets of mentions point into this text."""
    out = []
    for line in text.split("\n"):
        if _MD_DROP.match(line):
            out.append("")
            continue
        if line.lstrip().startswith("#"):
            line = _MD_CLOSING_HASHES.sub("", line)
        while True:  # `> - item`: a quote holding a bullet
            stripped = _MD_LINE.sub("", line, count=1)
            if stripped == line:
                break
            line = stripped
        line = _MD_IMAGE_OR_LINK.sub(r"\1", line)
        for _ in range(3):  # nested: ***x***, **_x_**
            line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page, parsed as browsers do (HTML5, with its
    rules for omitted tags: `<head><title>…<body><p>…` without `</head>`, an
    unclosed `<svg>`): scripts, styles and the head dropped, entities decoded,
    one line per block, runs of blank lines collapsed.  Offsets of mentions
    point into this text."""
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(markup).root
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)] if root is not None else []
    while stack:  # depth first, without recursion: a page may nest thousands deep
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            parts.append("\n")
            continue
        if tag == "-text":
            parts.append(node.text_content or "")
            continue
        if tag.startswith("-") or tag in _SKIP:  # comments, doctype, hidden elements
            continue
        if tag in _BLOCK:
            parts.append("\n")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    # collapse runs of ordinary white space, but keep no-break spaces: they are
    # French thousands separators and the space before `%`
    lines = [_SPACES.sub(" ", line).strip(" ") for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line) + "\n"


# Non-ASCII characters of French text: what a correct cp1252 decoding yields.
_FRENCH_NON_ASCII = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’‘“”–—…€°\u00a0²³½¼¾·•©®™§")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Not UTF-8.  French archives are cp1252 (a superset of Latin-1 for the
    printable range): take it when its non-ASCII characters look French, else
    ask charset-normalizer (short French texts fool it into cp1250)."""
    try:
        text = data.decode("cp1252")
        non_ascii = [c for c in text if ord(c) > 127]
        if not non_ascii or sum(c in _FRENCH_NON_ASCII for c in non_ascii) / len(non_ascii) >= 0.9:
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    enc = (best.encoding if best else None) or "latin-1"
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name.  UTF-8 (with or without BOM) first; otherwise
    charset-normalizer's best guess, Latin-1/cp1252 being the usual French
    archives' encodings; UTF-16 and UTF-32 when a byte-order mark says so (Windows'
    "Unicode" text).  Raises ValueError for binary data."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec  # the codec reads and drops the mark
            except UnicodeDecodeError as e:
                raise ValueError(f"not valid {codec.upper()} despite its byte-order mark ({e.reason})") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), skipped")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text, enc = _decode_legacy(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, enc


def read_document(data: bytes, source: str, suffix: str = "", ref_date: Optional[date] = None) -> Document:
    text, enc = decode(data)
    if suffix in HTML_SUFFIXES or (not suffix and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        text = html_to_text(text)
    elif suffix in MARKDOWN_SUFFIXES:
        text = markdown_to_text(text)
    from .extractors.dates import find_ref_date

    ref = find_ref_date(text) or ref_date
    return Document(source=source, text=text, ref_date=ref, encoding=enc)


def display_path(path: str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that
    are not UTF-8 are shown escaped (`caf\\xe9.txt`)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _walk(root: Path) -> Iterator[Union[Path, "SourceProblem"]]:
    """Files below `root`, sorted, hidden ones left out; a SourceProblem for a
    symlink loop or a folder that cannot be listed."""
    seen: set[tuple[int, int]] = set()
    problems: list[SourceProblem] = []

    def onerror(e: OSError) -> None:
        problems.append(SourceProblem(display_path(str(e.filename)), f"cannot list folder: {e.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        yield from problems
        problems.clear()
        try:
            st = os.stat(dirpath)
            ident = (st.st_dev, st.st_ino)
        except OSError as e:
            yield SourceProblem(display_path(dirpath), f"cannot read: {e.strerror}")
            dirnames[:] = []
            continue
        if ident in seen:
            yield SourceProblem(display_path(dirpath), "symlink loop, skipped", failed=False)
            dirnames[:] = []
            continue
        seen.add(ident)
        dirnames.sort()
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name
    yield from problems


@dataclass(frozen=True)
class RawInput:
    """The bytes of one input, before decoding; `key` identifies it in the store."""

    source: str
    key: str
    data: bytes
    suffix: str
    stat: tuple = ()  # (size, mtime_ns) of a file


@dataclass(frozen=True)
class Unchanged:
    """A file whose size and modification time say it was not touched since it
    was stored: not even read."""

    source: str
    key: str


def iter_files(paths: list[str]) -> Iterator[Union[tuple[str, Path], SourceProblem]]:
    """(source, path) of every file the given paths name, in the order `extract`
    reads them (folders walked recursively, sorted), without reading them; for
    running the pipeline elsewhere (a Dask bag, a cluster)."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = 0
            for f in _walk(p):
                if isinstance(f, SourceProblem):
                    yield f
                elif f.suffix.lower() not in READ_SUFFIXES:
                    yield SourceProblem(display_path(str(f)), "skipped: not a .txt, .md or .html file", failed=False)
                elif _special(f):  # a FIFO named `x.txt` would block the whole folder
                    yield SourceProblem(display_path(str(f)), "skipped: not a regular file", failed=False)
                else:
                    found += 1
                    yield display_path(str(f)), f
            if not found:
                yield SourceProblem(display_path(given), "no .txt, .md or .html file in this folder", failed=False)
        elif p.exists():
            yield given, p
        elif p.is_symlink():
            yield SourceProblem(display_path(given), "broken symbolic link: its target does not exist")
        else:
            yield SourceProblem(display_path(given), "no such file or directory")


def _special(p: Path) -> bool:
    """A device, FIFO or socket: reading it may never end (/dev/zero) or block (a FIFO)."""
    try:
        return not stat.S_ISREG(p.stat().st_mode)
    except OSError:
        return False  # reported when it is read


def read_input(source: str, path: Path) -> Union[RawInput, SourceProblem]:
    """The bytes of one file named by `iter_files`, or the problem reading it."""
    for item in _read_file(path, source):
        if isinstance(item, BigInput):
            return RawInput(item.source, item.key, item.path.read_bytes(), item.path.suffix.lower())
        if isinstance(item, RawInput) or item.failed:
            return item
    return SourceProblem(source, "cannot read")


def iter_raw(paths: list[str], unchanged=None) -> Iterator[Union[RawInput, SourceProblem]]:
    """The bytes of every input in a stable order, and a SourceProblem for each
    input that could not be read; never raises for bad input.  `unchanged(key,
    size, mtime_ns)`, when given, spares reading files it says are unchanged."""
    for given in paths:
        if given == "-":
            try:
                data = sys.stdin.buffer.read()
            except (OSError, ValueError) as e:
                yield SourceProblem("-", f"cannot read standard input: {e}")
                continue
            yield RawInput("-", "-", data, "")
            continue
        for item in iter_files([given]):
            if isinstance(item, SourceProblem):
                yield item
            else:
                yield from _read_file(item[1], item[0], unchanged)


def iter_documents(paths: list[str], ref_date: Optional[date] = None) -> Iterator[Item]:
    """Documents of the given paths in a stable order, and a SourceProblem for
    each input that could not be read; never raises for bad input."""
    for item in iter_raw(paths):
        if isinstance(item, SourceProblem):
            yield item
        elif isinstance(item, BigInput):
            try:  # the library reads a big file whole; `extract` streams it
                data = item.path.read_bytes()
            except OSError as e:
                yield SourceProblem(item.source, f"cannot read: {e.strerror or e}")
                continue
            yield from decode_input(RawInput(item.source, item.key, data, item.path.suffix.lower()), ref_date)
        else:
            yield from decode_input(item, ref_date)


def chunk_bytes() -> int:
    """Files larger than this are read and extracted in chunks of this size."""
    try:
        return max(4096, int(os.environ.get("CLOUDFACTS_CHUNK_BYTES", "")))
    except ValueError:
        return 2 * 1024 * 1024


@dataclass(frozen=True)
class BigInput:
    """A text file too large to read at once: extracted chunk by chunk."""

    source: str
    key: str
    path: Path
    size: int
    mtime_ns: int = 0


def _read_file(p: Path, source: str, unchanged=None) -> Iterator[Union[RawInput, BigInput, Unchanged, SourceProblem]]:
    if display_path(str(p)) != str(p):
        yield SourceProblem(source, "file name is not valid UTF-8; shown with \\x escapes", failed=False)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            what = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file (a device, FIFO or socket)"
            yield SourceProblem(source, f"{what}: not read; give - to read standard input")
            return
        size = st.st_size
        try:
            key = display_path(str(p.resolve()))
        except (OSError, RuntimeError):
            key = display_path(str(p.absolute()))
        if unchanged is not None and unchanged(key, size, st.st_mtime_ns):
            yield Unchanged(source, key)
            return
        if size > chunk_bytes() and p.suffix.lower() in (TEXT_SUFFIXES - MARKDOWN_SUFFIXES) | {""}:
            yield BigInput(source, key, p, size, st.st_mtime_ns)
            return
        if size > MAX_BYTES:
            yield SourceProblem(source, f"file too large ({size // 2**20} MiB > {MAX_BYTES // 2**20} MiB), skipped")
            return
        data = p.read_bytes()
    except FileNotFoundError:
        if p.is_symlink():
            yield SourceProblem(source, "broken symbolic link: its target does not exist")
        else:
            yield SourceProblem(source, "vanished before it could be read")
        return
    except IsADirectoryError:
        yield SourceProblem(source, "is a directory")
        return
    except PermissionError:
        yield SourceProblem(source, "permission denied")
        return
    except OSError as e:
        yield SourceProblem(source, f"cannot read: {e.strerror or e}")
        return
    yield RawInput(source, key, data, p.suffix.lower(), (size, st.st_mtime_ns))


def decode_input(raw: RawInput, ref_date: Optional[date] = None) -> Iterator[Item]:
    """The Document of one input (and a note when it was not UTF-8), or a problem."""
    if not raw.data.strip():
        yield SourceProblem(raw.source, "empty file, nothing to extract", failed=False)
        return
    try:
        doc = read_document(raw.data, raw.source, raw.suffix, ref_date)
    except ValueError as e:
        yield SourceProblem(raw.source, str(e))
        return
    if doc.encoding not in ("utf-8", "ascii"):
        yield SourceProblem(raw.source, f"not UTF-8: decoded as {doc.encoding}", failed=False)
    yield doc
