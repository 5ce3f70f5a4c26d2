"""Number grammar for Chinese and Arabic numerals (no third-party parser).

Why our own: cn2an rejects 十余 / 三分之一 and jionlp reads years as money and
raises on odd input; the amount and date stages need a parser that accepts
OCR-era text (full-width digits, spaces, mixed forms like 1.5万 / 3万亿 /
100万三千) and never raises.

Public helpers:
    parse_number("5.03亿") -> 503000000.0       (None when not a number)
    parse_fraction("三分之一") -> 0.333…          (X分之Y and a/b)
    parse_money("壹拾壹元壹角") -> 11.1           (元/圆 + 角 + 分, 整/正)
    parse_number_approx("几十") -> (10.0, True)  (几/数 as "some": value + over flag)
    read_digits("二〇二五") -> "2025"            (digit by digit: years, codes)
    parse_int("十五") -> 15                      (whole numbers only)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Numeral characters are the grammar itself (not a lexicon): digit values,
# in-section units (十百千) and section units (万亿).
DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1, "弌": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# 兆 is 1e12 inside a numeral that goes on below it (四十九兆九千五百九十二億); alone it is the
# SI prefix mega (兆瓦, 兆字节), so the amounts grammar only lets it stand before more numerals.
TRILLION = {"兆": 10**12}
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
APPROX_DIGITS = "几数"  # 几十 / 数百: "some tens" -> the round value, qualifier over

CN_NUM_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(TENS)

_FOLD = str.maketrans({"，": ",", "．": ".", "－": "-", "−": "-", "／": "/", "：": ":", "∶": ":",
                       "點": "点", "負": "负",  # traditional 點/負 as in the financial numerals
                       "·": ".", "・": "."})  # a middle dot as the decimal point of older print (14·1％)
# Keycap and emoji variation marks: a digit carrying one is a picture, never a number (5️⃣0️⃣0️⃣).
EMOJI_MARKS = "\ufe0f\ufe0e\u20e3"
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_WS = re.compile(r"\s+")
_FULLWIDTH_DIGIT = re.compile("[\uff10-\uff19]")


def fold(s: str) -> str:
    """Full-width digits/punctuation to ASCII and whitespace removed (OCR spaces)."""
    s = _WS.sub("", s)
    if _FULLWIDTH_DIGIT.search(s):
        s = "".join(unicodedata.normalize("NFKC", c) if "\uff10" <= c <= "\uff19" else c for c in s)
    return s.translate(_FOLD)


def _tokens(s: str) -> list[tuple[str, object]] | None:
    """Split a numeral into tokens: ('a', float, ndigits, is_decimal), ('d', int), ('s', 10..1000),
    ('b', 1e4/1e8), ('t', 20/30), ('z', 0) for 零 between sections, ('p', None) for 点."""
    out: list[tuple[str, object]] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isdigit() and c.isascii():
            m = _ARABIC.match(s, i)
            if m is None:  # pragma: no cover - regex always matches a digit
                return None
            txt = m.group().replace(",", "")
            out.append(("a", (float(txt), txt)))
            i = m.end()
            if i < n and s[i] == ".":
                return None  # 10..1 or 1.2.3
            continue
        if c in DIGITS:
            out.append(("d", DIGITS[c]))
        elif c in SMALL_UNITS:
            out.append(("s", SMALL_UNITS[c]))
        elif c in BIG_UNITS:
            out.append(("b", BIG_UNITS[c]))
        elif c in TRILLION and i + 1 < n:  # 兆 only with more numeral after it
            out.append(("b", TRILLION[c]))
        elif c in TENS:
            out.append(("t", TENS[c]))
        elif c == "点":
            out.append(("p", None))
        else:
            return None
        i += 1
    return out


def _parse_tokens(toks: list[tuple[str, object]]) -> float | None:
    """Positional grammar: sections under 万 are summed, big units multiply
    everything smaller than themselves (so 3万亿 = 3e12, 一千一百万一千亿 works)."""
    if not toks:
        return None
    if any(t[0] == "p" for t in toks):
        return _parse_decimal(toks)
    if all(t[0] == "d" for t in toks):  # pure digit string (一七二零, 二〇〇二): positional reading
        return float("".join(str(t[1]) for t in toks))
    return _parse_sections(toks)


def _parse_decimal(toks: list[tuple[str, object]]) -> float | None:
    """A whole part, 点, a decimal part (三点五), scaled by magnitudes after it (三点五亿 = 3.5e8)."""
    k = next(i for i, t in enumerate(toks) if t[0] == "p")
    head, tail = toks[:k], toks[k + 1:]
    scale = 1.0
    while tail and tail[-1][0] in ("s", "b") and len(tail) > 1:
        scale *= float(tail[-1][1])  # type: ignore[arg-type]
        tail = tail[:-1]
    if scale != 1.0:
        inner = _parse_decimal(head + [("p", None)] + tail)
        return None if inner is None else inner * scale
    if not head or not tail:
        return None
    if len(tail) == 1 and tail[0][0] == "a":
        txt = tail[0][1][1]  # type: ignore[index]
        if "." in txt:
            return None
        dec = float("0." + txt)
    elif all(t[0] == "d" for t in tail):
        dec = float("0." + "".join(str(t[1]) for t in tail))
    else:
        return None
    whole = _parse_tokens(head)
    return None if whole is None else whole + dec


def _parse_sections(toks: list[tuple[str, object]]) -> float | None:
    """Digits and units (三万五千, 1亿2千万): sections below 万 summed, big units multiply."""
    chunks: list[tuple[float, int]] = []  # (value, magnitude) of finished big-unit sections
    section = 0.0  # value of the current section below 万
    cur: float | None = None  # pending digit / arabic number
    cur_is_single = False  # pending is one Chinese digit (for 三万五 -> 35000)
    zero_seen = False
    last_unit = 1
    decimal_used = False  # a decimal number was scaled: only bigger units may follow
    last_big = 0
    last_small = 10**5  # small units must decrease inside a section (十一十二 is not a number)
    for kind, v in toks:
        if decimal_used and kind != "b":
            return None
        if kind == "d":
            if v == 0:
                zero_seen = True
                if cur is not None:  # 一〇 inside a unit form: treat as digit string
                    cur = cur * 10
                continue
            if cur is not None and cur_is_single:
                return None  # 二三十 / 三四百: "twenty or thirty", a guess between two numbers
            else:
                if cur is not None:
                    return None
                cur = float(v)  # type: ignore[arg-type]
                cur_is_single = True
        elif kind == "a":
            if cur is not None:
                return None
            cur = v[0]  # type: ignore[index]
            cur_is_single = False
        elif kind == "t":
            if cur is not None:
                return None
            section += float(v)  # type: ignore[arg-type]
            last_unit = 10
        elif kind == "s":
            if v >= last_small:  # type: ignore[operator]
                return None
            last_small = v  # type: ignore[assignment]
            mult = cur if cur is not None else 1.0
            section += mult * v  # type: ignore[operator]
            cur = None
            cur_is_single = False
            zero_seen = False
            last_unit = v  # type: ignore[assignment]
        elif kind == "b":
            if decimal_used and v <= last_big:
                return None
            if cur is not None and cur != int(cur):
                decimal_used = True
            low = section + (cur if cur is not None else 0.0)
            smaller = sum(c for c, m in chunks if m < v)  # type: ignore[operator]
            chunks = [(c, m) for c, m in chunks if m >= v]  # type: ignore[operator]
            base = low + smaller
            if base == 0:
                base = 1.0  # bare 万 / 亿 as a magnitude
            chunks.append((base * v, v))  # type: ignore[arg-type, operator]
            section = 0.0
            cur = None
            cur_is_single = False
            zero_seen = False
            last_unit = v  # type: ignore[assignment]
            last_big = v  # type: ignore[assignment]
            last_small = 10**5
    if cur is not None:
        if cur_is_single and not zero_seen and last_unit >= 100 and cur < 10 and (chunks or section):
            cur = cur * last_unit / 10  # 三万五 = 35000, 两千六 = 2600, 一百二 = 120
        section += cur
    return section + sum(c for c, _ in chunks)


def _strict_ok(toks: list[tuple[str, object]]) -> bool:
    """cn2an's strict reading: no digit-by-digit strings (一一), no unit without its digit
    except a leading 十 (百十一), no Arabic digits mixed in."""
    if len(toks) > 1 and all(t[0] == "d" for t in toks):
        return False
    prev = None
    for i, (kind, _) in enumerate(toks):
        if kind == "a":
            return False
        if kind == "s" and prev != "d" and not (i == 0 and toks[0][1] == 10):
            return False
        prev = kind
    return True


def parse_number(s: str, strict: bool = False) -> float | None:
    """Value of a numeral string, or None. Accepts Arabic (1,234.5, full-width),
    Chinese (一千零一, 壹佰, 廿二, 一七二零), mixed (1.5万, 100万三千, 一百点123), sign 负/-.
    ``strict`` rejects what cn2an's strict mode rejects (一一, 百十一, mixed Arabic)."""
    s = fold(s)
    if not s:
        return None
    sign = 1.0
    if s.startswith("负") or s.startswith("-"):
        sign, s = -1.0, s[1:]
    elif s.startswith("零下"):
        sign, s = -1.0, s[2:]
    if not s:
        return None
    if s[0] == ".":
        s = "0" + s  # .5
    s = s.replace("万万", "亿").replace("萬萬", "亿")  # 四万万 = 4e8
    toks = _tokens(s)
    if not toks:
        return None
    if strict:
        body = [t for t in toks if t[0] != "p"]
        head = toks[: next((i for i, t in enumerate(toks) if t[0] == "p"), len(toks))]
        if not _strict_ok(head) or not body:
            return None
    try:
        val = _parse_tokens(toks)
    except (ValueError, OverflowError):  # float("...") of a malformed run: not a number
        return None
    return None if val is None else sign * val


def read_digits(s: str) -> str | None:
    """Digit-by-digit reading, as written (cn2an's direct mode): 二〇〇二 -> "2002",
    零零三 -> "003", 负零一 -> "-01", 一二点三零 -> "12.30". For years, codes and phone numbers;
    None when ``s`` holds anything but digits, one 点 and a leading 负."""
    s = fold(s)
    sign = ""
    if s[:1] in ("负", "-"):
        sign, s = "-", s[1:]
    out = []
    for c in s:
        if c.isdigit() and c.isascii():
            out.append(c)
        elif c in DIGITS:
            out.append(str(DIGITS[c]))
        elif c in "点." and "." not in out:
            out.append(".")
        else:
            return None
    if not out or out[0] == "." or out[-1] == ".":
        return None
    return sign + "".join(out)


def parse_int(s: str) -> int | None:
    """A whole number (两 -> 2, 二十五 -> 25, 12 -> 12), or None: the small counts of
    horizons and offsets (三年内, 未来十年) in dates and targets."""
    v = parse_number(s)
    if v is None or v != int(v):
        return None
    return int(v)


def parse_number_approx(s: str) -> tuple[float | None, bool]:
    """Like parse_number but 几 / 数 stand for "some": 几十 -> (10, True), 十几 -> (10, True)."""
    if not any(c in APPROX_DIGITS for c in s):
        return parse_number(s), False
    t = s
    for c in APPROX_DIGITS:
        # leading 几十 / 数百: one of that unit; trailing 十几: drop the unknown digit
        t = re.sub(c + r"(?=[十百千万亿拾佰仟])", "", t)
        t = t.replace(c, "")
    if not t:
        return None, True
    return parse_number(t), True


_FRAC_CN = re.compile(r"^(.+?)分之(.+)$")
_FRAC_AR = re.compile(r"^(\d*\.?\d+)/(\d*\.?\d+)$")


def parse_fraction(s: str) -> float | None:
    """三分之一 -> 1/3, 1/4 -> 0.25; None when not a fraction or the denominator is 0."""
    try:
        s = fold(s)
        sign = 1.0
        if s[:1] in ("-", "负"):
            sign, s = -1.0, s[1:]
        m = _FRAC_CN.match(s)
        if m:
            den, num = parse_number(m.group(1)), parse_number(m.group(2))
        else:
            m = _FRAC_AR.match(s)
            if not m:
                return None
            num, den = float(m.group(1)), float(m.group(2))
        if num is None or not den:
            return None
        return sign * num / den
    except Exception:
        return None


_MONEY = re.compile(r"^(?P<yuan>.*?)(?:[元圆块](?P<rest>.*))$")
_JIAO_FEN = re.compile(r"^(?:零?(?P<jiao>[^角分]+)角)?(?:零?(?P<fen>[^角分]+)分)?$")


def parse_money(s: str) -> float | None:
    """Cheque-style yuan: 壹拾壹元整 -> 11, 玖仟陆佰陆拾伍圆壹角捌分 -> 9665.18, 肆角叁分 -> 0.43."""
    try:
        s = fold(s)
        s = re.sub(r"[整正]$", "", s)
        m = _MONEY.match(s)
        yuan_txt, rest = (m.group("yuan"), m.group("rest")) if m else ("", s)
        yuan = parse_number(yuan_txt) if yuan_txt else 0.0
        if yuan is None or (not yuan_txt and not rest):
            return None
        if not rest:
            return yuan
        jm = _JIAO_FEN.match(rest)
        if not jm or (jm.group("jiao") is None and jm.group("fen") is None):
            return None
        jiao = parse_number(jm.group("jiao")) if jm.group("jiao") else 0.0
        fen = parse_number(jm.group("fen")) if jm.group("fen") else 0.0
        if jiao is None or fen is None:
            return None
        return round(yuan + jiao / 10 + fen / 100, 4)
    except Exception:
        return None


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def scan(trigger: re.Pattern[str], rx: re.Pattern[str], text: str):
    """Yield non-overlapping ``rx`` matches that start at a ``trigger`` character.

    Why: a large alternation tried at every position is slow in Python's
    regex engine; a single character class is searched in C, so we only try
    the full pattern where a mention can start (>1M chars/s on prose).
    """
    pos = 0
    n = len(text)
    while pos < n:
        t = trigger.search(text, pos)
        if t is None:
            return
        p = t.start()
        m = rx.match(text, p)
        if m is not None and m.end() > p:
            yield m
            pos = m.end()
        else:
            pos = p + 1
