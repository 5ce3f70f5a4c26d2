"""Read stage: find source files, decode them, assign doc ids and publication dates.

The decoded string is the "raw" text that every ``raw_start``/``raw_end`` in the
output indexes, so decoding is the only transformation done here: no newline
or width normalization (the cleaner does that with an exact offset map).
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A dateline at the head of a news page: "2023-05-05 08:09:33", "2023年5月5日", "2023/5/5".
_HEADER_DATE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)


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
    """Expand files and folders into a sorted list of .txt files (folders recursively)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        else:
            out.append(p)
    seen: set[Path] = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, or GB18030/GBK; return (text, encoding)."""
    if not data.strip():
        raise DocumentError(path, "empty", "the file is empty: remove it or give it text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + ("-sig" if enc == "utf-8" else "")
            except UnicodeDecodeError as e:
                raise DocumentError(path, "undecodable", f"has a {enc} byte-order mark but is not valid {enc} ({e}); re-save it as UTF-8") from e
    if b"\x00" in data[:4096]:
        raise DocumentError(path, "binary", "looks binary (NUL bytes, no UTF-16 byte-order mark); pass text files only")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > 0.05:
            raise DocumentError(path, "binary", "decodes to mostly control characters; pass text files only")
        return text, enc
    raise DocumentError(path, "undecodable", "is neither UTF-8, UTF-16 (with BOM) nor GB18030/GBK; re-save it as UTF-8")


def _control_share(text: str) -> float:
    sample = text[:4096]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t\f")
    return bad / max(1, len(sample))


def load_metadata(path: str | Path | None) -> dict[str, str]:
    """doc_id -> pub_date from a CSV with at least doc_id,pub_date columns."""
    if path is None:
        return {}
    p = Path(path)
    try:
        with open(p, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError as e:
        raise DocumentError(str(p), "metadata", "metadata file not found: pass an existing CSV with doc_id,pub_date") from e
    if rows and not {"doc_id", "pub_date"} <= set(rows[0]):
        raise DocumentError(str(p), "metadata", "metadata CSV needs the columns doc_id,pub_date")
    out: dict[str, str] = {}
    for i, r in enumerate(rows, start=2):
        d = (r.get("pub_date") or "").strip()
        if not d:
            continue
        if not _ISO_DATE.match(d):
            raise DocumentError(str(p), "metadata", f"line {i}: pub_date {d!r} is not ISO (2024, 2024-06 or 2024-06-05)")
        out[(r.get("doc_id") or "").strip()] = d
    return out


def header_date(raw: str, max_lines: int = 8) -> str | None:
    """An ISO date from a dateline among the first non-empty lines, if there is one."""
    seen = 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        m = _HEADER_DATE.match(line)
        if m:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
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
        raise DocumentError(str(p), "unreadable", f"cannot be read ({e.strerror}); check the path and its permissions") from e
    raw, enc = decode_bytes(data, str(p))
    return make_document(p.stem, raw, str(p), hashlib.sha256(data).hexdigest(), enc, metadata)


def make_document(doc_id: str, raw: str, source_path: str, sha256: str | None = None,
                  encoding: str = "utf-8", metadata: dict[str, str] | None = None,
                  pub_date: str | None = None) -> SourceDoc:
    """A SourceDoc from text already in memory (the Python API uses this)."""
    if sha256 is None:
        sha256 = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    src = None
    if pub_date:
        src = "argument"
    elif metadata and doc_id in metadata:
        pub_date, src = metadata[doc_id], "metadata"
    else:
        pub_date = header_date(raw)
        src = "header" if pub_date else None
    return SourceDoc(doc_id, source_path, raw, sha256, encoding, pub_date, src)
