"""Read stage: find source files, decode them, assign doc ids and publication dates.

The decoded string is the "raw" text that every ``raw_start``/``raw_end`` in the
output indexes, so decoding is the only transformation done here: no newline
or width normalization (the cleaner does that with an exact offset map).
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from pipeline.core.pubdate import normalize_pub_date
from pipeline.stages.clean.rules import INVISIBLE_RE

log = logging.getLogger("pipeline")
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Files that are not text at all, by their first bytes: say what they are and what to do.
_MAGIC = (
    (b"%PDF", "a PDF document: convert it to text first (e.g. `pdftotext -enc UTF-8 FILE.pdf`)"),
    (b"PK\x03\x04", "a ZIP archive or Office document (.docx/.xlsx): unzip it or save it as UTF-8 text"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls): save it as UTF-8 text"),
    (b"{\\rtf", "an RTF document: save it as UTF-8 plain text"),
    (b"\x89PNG", "a PNG image: run OCR on it first"),
    (b"\xff\xd8\xff", "a JPEG image: run OCR on it first"),
    (b"GIF8", "a GIF image: run OCR on it first"),
    (b"\x1f\x8b", "gzip-compressed: decompress it first (gunzip)"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SAMPLE = 8192  # bytes / characters inspected by the plausibility checks
# ASCII digits only: with Unicode \d, a full-width ２０２３ passed and was stored as the pub_date, not ISO.
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$", re.ASCII)
# A dateline at the head of a news page: "2023-05-05 08:09:33", "2023年5月5日", "2023/5/5".
_HEADER_DATE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
# the full date of a speech dateline (the words around it are configs/dates/dates.toml [datelines])
_DATE_PART = r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"


class DocumentError(Exception):
    """A source file that cannot become a document; the message says what to do."""

    def __init__(self, path: str, kind: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.kind = kind
        self.message = message


@dataclass
class SourceDoc:
    doc_id: str
    source_path: str
    raw: str
    sha256: str
    encoding: str
    pub_date: str | None
    pub_date_source: str | None  # "metadata", "header" or None


def find_sources(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of .txt files (folders recursively; .TXT too)."""
    return [p for p, _ in find_sources_with_roots(paths)]


def find_sources_with_roots(paths: list[str | Path]) -> list[tuple[Path, Path | None]]:
    """(file, the folder given that holds it) for every source; None for a file given by name."""
    out: list[tuple[Path, Path | None]] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend((q, p) for q in _txt_files(p))
        else:
            out.append((p, None))
    seen: set[Path] = set()
    return [(p, r) for p, r in out if not (p in seen or seen.add(p))]


def _txt_files(folder: Path) -> list[Path]:
    """The .txt files under ``folder``, sorted, through links to folders too (each real folder once, so a link
    loop ends): the files of a linked folder that leads outside are then refused by the run (or read with
    --follow-links), where a walk that ignored such links skipped them without a word. Broken links are
    kept, so that the run reports them; a folder named like x.txt is walked, not read."""
    out: list[Path] = []
    walked: set[str] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in walked:
            dirs[:] = []
            continue
        walked.add(real)
        dirs.sort()
        for name in files:
            q = Path(top, name)
            if q.suffix.lower() == ".txt" and (q.is_file() or (q.is_symlink() and not q.exists())):
                out.append(q)
    return sorted(out)


def link_outside(path: Path, root: Path | None) -> Path | None:
    """Where ``path`` really leads when a link takes it outside the folder it was found in, else None."""
    if root is None:
        return None  # a file named on the command line is what the user asked for
    real, base = path.resolve(), root.resolve()
    return None if real.is_relative_to(base) else real


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode UTF-8 (BOM or not), UTF-16/32 with BOM, GB18030/GBK or BOM-less UTF-16; return (text, encoding).

    UTF-8 is tried before GB18030 because valid UTF-8 is almost never an accident,
    while GB18030 accepts most byte strings: its result must also look like
    Chinese (common characters), else BOM-less UTF-16 is tried. Anything else is
    a DocumentError whose message says what to do; no lossy decoding, because
    every raw offset in the output indexes the decoded text.
    """
    if not data.strip():
        raise DocumentError(path, "empty", "the file is empty: remove it or give it text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise DocumentError(path, "undecodable", f"has a {enc} byte-order mark but is not valid {enc} "
                                    f"(bad bytes at offset {e.start + len(bom)}); re-save it as UTF-8") from e
            if not text.strip():
                raise DocumentError(path, "empty", "the file is empty (only a byte-order mark and blanks): remove it or give it text")
            return text, enc + ("-sig" if enc == "utf-8" else "")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(path, "binary", f"is {what}")
    nuls = data[:_SAMPLE].count(b"\x00")
    if nuls:
        hit = _utf16_without_bom(data)
        if hit:
            return hit
        # A stray NUL or two in a long text (OCR and copy-paste leave them) is not a binary file.
        if nuls > max(2, len(data[:_SAMPLE]) // 1000):
            raise DocumentError(path, "binary", "looks binary (NUL bytes, no UTF-16 byte-order mark); pass text files only")
    utf8_error: UnicodeDecodeError | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
        text = None
        # A file cut in the middle of its last character: keep what is whole.
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:
            text = data[:e.start].decode("utf-8")  # everything before the first error is valid
            log.warning("%s: the last character is cut off (incomplete UTF-8 at the end); it is dropped", path)
    if text is not None:
        _check_not_control(text, path)
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        _check_not_control(text, path)
        return text, "gb18030"
    hit = _utf16_without_bom(data)
    if hit:
        return hit
    where = ""
    if utf8_error is not None:
        line = data[:utf8_error.start].count(b"\n") + 1
        where = f" (first invalid UTF-8 byte 0x{data[utf8_error.start]:02x} at byte {utf8_error.start}, line {line})"
    raise DocumentError(path, "undecodable", "is neither UTF-8, UTF-16 nor GB18030/GBK" + where
                        + "; re-save it as UTF-8 (e.g. `iconv -f ENCODING -t UTF-8`)")


def _check_not_control(text: str, path: str) -> None:
    if _control_share(text) > 0.05:
        raise DocumentError(path, "binary", "decodes to mostly control characters; pass text files only")


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    return bad / max(1, len(sample))


def _is_common_hanzi(c: str) -> bool:
    """GB2312 level 1: the 3,755 most frequent characters, >95% of running Chinese text."""
    try:
        b = c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _looks_chinese(text: str, min_common: float = 0.5, min_han: int = 10) -> bool:
    """True unless the text is mostly rare CJK characters (bytes of another encoding read as GBK)."""
    han = [c for c in text[:_SAMPLE] if "\u4e00" <= c <= "\u9fff"]
    if len(han) < min_han:
        return True
    return sum(map(_is_common_hanzi, han)) / len(han) >= min_common


def _texty_share(text: str) -> float:
    """Share of characters that plain Chinese/Latin text is made of."""
    sample = text[:_SAMPLE]
    ok = 0
    for c in sample:
        o = ord(c)
        if (32 <= o < 127 or c in "\r\n\t\f" or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
                or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x205F):
            ok += 1
    return ok / max(1, len(sample))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 when one byte order gives plausible text, else None.

    Stricter than the GB18030 check: random bytes read as UTF-16 are all CJK
    characters, so the text must be almost all plain characters, mostly common
    ones, and have some punctuation or line structure.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _texty_share(text)
        structured = len(text) < 40 or any(c in text[:_SAMPLE] for c in "\n 。，,.")
        if share >= 0.95 and structured and _looks_chinese(text, 0.8, 1) and (best is None or share > best[0]):
            best = (share, text, enc)
    return (best[1], best[2]) if best else None


def load_metadata(path: str | Path | None) -> dict[str, str]:
    """doc_id -> pub_date from a CSV with at least doc_id,pub_date columns."""
    return load_metadata_table(path)[0]


def load_metadata_table(path: str | Path | None) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(doc_id -> pub_date, doc_id -> its other columns) from a metadata CSV.

    Raises DocumentError naming the line for an impossible date or a doc_id given twice:
    a wrong date would silently shift every relative date of the document.
    """
    if path is None:
        return {}, {}
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise DocumentError(str(p), "metadata", f"metadata file cannot be read ({e.strerror or e}): "
                            "pass an existing CSV with doc_id,pub_date") from e
    # Excel on a Chinese system saves CSV as GBK: decode it like a document.
    text, _ = decode_bytes(data, str(p)) if data.strip() else ("", "utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if rows and not {"doc_id", "pub_date"} <= set(rows[0]):
        raise DocumentError(str(p), "metadata", "metadata CSV needs the columns doc_id,pub_date")
    out: dict[str, str] = {}
    extra: dict[str, dict[str, str]] = {}
    first: dict[str, int] = {}
    for i, r in enumerate(rows, start=2):
        doc_id = (r.get("doc_id") or "").strip()
        if doc_id in first:
            raise DocumentError(str(p), "metadata", f"line {i}: doc_id {doc_id!r} is also on line {first[doc_id]}; "
                                "keep one row per document")
        first[doc_id] = i
        more = {k.strip(): (v or "").strip() for k, v in r.items() if k and k not in ("doc_id", "pub_date")}
        if more:
            extra[doc_id] = more
        d = (r.get("pub_date") or "").strip()
        if not d:
            continue
        if not _ISO_DATE.match(d):
            raise DocumentError(str(p), "metadata", f"line {i}: pub_date {d!r} is not ISO (2024, 2024-06 or 2024-06-05)")
        if not _real_date(d):
            raise DocumentError(str(p), "metadata", f"line {i}: pub_date {d!r} is not a real date "
                                "(no month 13, no 30 February, no year 0000); fix the row")
        out[doc_id] = d
    return out, extra


def _real_date(iso: str) -> bool:
    """2024-13-45, 2021-02-30 and year 0000 are not dates."""
    y, m, d = (iso.split("-") + ["01", "01"])[:3]
    try:
        date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _speech_dateline() -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """The shape of a speech dateline (configs/dates/dates.toml [datelines]): a full date, the speaker, 在, a meeting
    and 上; with the marks a dateline line never holds (it is no sentence)."""
    from pipeline.core.config import load_lexicon_toml

    d = load_lexicon_toml("dates/dates.toml").get("datelines")
    if not d:
        return None
    marks = "|".join(map(re.escape, d["venue_marks"]))
    heads = "|".join(map(re.escape, d["venue_heads"]))
    rx = re.compile(_DATE_PART + rf"[^。\n]{{0,{int(d['max_gap'])}}}?(?:{marks})[^。\n]{{2,60}}?(?:{heads})"
                    + re.escape(d["venue_end"]))
    return rx, tuple(d["clause_marks"])


def _speech_date(line: str) -> re.Match[str] | None:
    """The date of a speech dateline that ``line`` is, if it is one."""
    speech = _speech_dateline()
    if speech is None or any(m in line for m in speech[1]):
        return None
    return speech[0].search(line)


def header_date(raw: str, max_lines: int = 8) -> str | None:
    """An ISO date from a dateline among the first non-empty lines, if there is one: a page's dateline
    (2023年5月5日 08:09) or a speech's (2025年1月13日在…人民代表大会第三次会议上: configs/dates/dates.toml)."""
    seen = 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        m = _HEADER_DATE.match(line) or _speech_date(line)
        if m:
            iso = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
            if _real_date(iso):
                return iso
        seen += 1
        if seen >= max_lines:
            break
    return None


def read_document(path: str | Path, metadata: dict[str, str] | None = None) -> SourceDoc:
    """Read and decode one file; the metadata date wins over a header dateline."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise DocumentError(str(p), "unreadable", f"cannot be read ({e.strerror or e}); {_unreadable_hint(p, e)}") from e
    raw, enc = decode_bytes(data, str(p))
    if _blank(raw):
        raise DocumentError(str(p), "empty", "the file holds only blanks (spaces, ideographic spaces, line breaks): "
                            "remove it or give it text")
    return make_document(p.stem, raw, str(p), hashlib.sha256(data).hexdigest(), enc, metadata)


def _unreadable_hint(p: Path, e: OSError) -> str:
    if p.is_symlink() and not p.exists():
        return f"it is a broken link to {p.readlink()}: fix or remove the link"
    if isinstance(e, IsADirectoryError):
        return "it is a folder: pass the folder itself to read the .txt files inside it"
    if isinstance(e, PermissionError):
        return "give the user running the pipeline read permission (chmod a+r) or copy the file"
    if isinstance(e, FileNotFoundError):
        return "it was moved or deleted during the run: check the path"
    return "check the path, the disk and its permissions"


def _blank(text: str) -> bool:
    """Nothing but whitespace of any kind (U+3000 and no-break spaces included) and the invisible characters
    the cleaner drops (its one definition, so that a file which cleans to nothing, say U+180E or a soft hyphen
    and spaces, is this same error rather than a 0-character document). Stops at the first visible character."""
    return all(c.isspace() or INVISIBLE_RE.fullmatch(c) for c in text)


def make_document(doc_id: str, raw: str, source_path: str, sha256: str | None = None,
                  encoding: str = "utf-8", metadata: dict[str, str] | None = None,
                  pub_date: str | None = None) -> SourceDoc:
    """A SourceDoc from text already in memory (the Python API uses this)."""
    # Lone surrogates (from surrogateescape or broken JSON) cannot be written to Parquet;
    # one replacement character each keeps every offset where it was.
    raw = _SURROGATE.sub("\ufffd", raw)
    if sha256 is None:
        sha256 = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    src = None
    if pub_date:
        pub_date, src = normalize_pub_date(pub_date), "argument"
    elif metadata and doc_id in metadata:
        pub_date, src = metadata[doc_id], "metadata"
    else:
        pub_date = header_date(raw)
        src = "header" if pub_date else None
    return SourceDoc(doc_id, source_path, raw, sha256, encoding, pub_date, src)
