"""AMOUNTS lexicons (configs/amounts/) and the one compiled scanner built from them.

Why one regex: a mention can only start on a numeral character, so the scanner
searches that character class in C and tries the full alternation only there
(see ``pipeline.core.numbers.scan``); the stage stays above 2M chars/s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.config import load_lexicon_toml, load_word_list
from pipeline.core.numbers import BIG_UNITS, DIGITS, SMALL_UNITS, TRILLION
from pipeline.core.numbers import alternation as _alt

CN_DIGITS = "".join(DIGITS)
CN_CHARS = CN_DIGITS + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "廿卅"
MAG_CHARS = "十百千万亿拾佰仟萬億"
WS = r"[ \t\u3000\u00a0]*"
WS_RE = re.compile(r"\s+")
DQUOTE_OPEN = "“\"‘「"
DQUOTE_CLOSE = "”\"’」"


@dataclass(frozen=True, eq=False)  # identity hash: a cheap cache key (one instance per written unit)
class UnitInfo:
    """One written unit: canonical unit, quantity, which numerals may stand before it."""

    unit: str
    quantity: str
    kind: str
    factor: float
    only_before: tuple[str, ...]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    cn_only: tuple[str, ...]
    arabic_only: bool
    cn_with_magnitude: bool
    max_value: float | None
    needs_magnitude: bool


def _alt_chars(chars: Sequence[str]) -> str:
    return "".join(re.escape(c) for c in chars) or "\\x00"


def _unit_info(u: dict, w: str) -> UnitInfo:
    return UnitInfo(
        unit=w if u["unit"] == "=" else u["unit"],
        quantity=u["quantity"],
        kind=u.get("kind", "measure"),
        factor=float(u.get("factor", 1)),
        only_before=tuple(u.get("only_before", ())),
        not_before=tuple(u.get("not_before", ())),
        not_after=tuple(u.get("not_after", ())),
        cn_only=tuple(u.get("chinese_numerals", ())),
        arabic_only=bool(u.get("arabic_only", False)),
        cn_with_magnitude=bool(u.get("chinese_numerals_with_magnitude", False)),
        max_value=float(u["max_value"]) if "max_value" in u else None,
        needs_magnitude=bool(u.get("needs_magnitude", False)),
    )


def _words_by_key(table: dict) -> dict[str, str]:
    """{qualifier: [words]} -> {word: qualifier}."""
    return {w: q for q, ws in table.items() for w in ws}


class Lex:
    """Lexicons and the compiled scanner, built once per process."""

    def __init__(self) -> None:
        units = load_lexicon_toml("amounts/units.toml")
        quals = load_lexicon_toml("amounts/qualifiers.toml")
        self.units: dict[str, UnitInfo] = {
            w: _unit_info(u, w) for u in units.get("unit", []) for w in u["written"]
        }
        dens = units.get("density", {})
        self.dens_num: dict[str, str] = dict(dens.get("numerator", {}))
        self.dens_den: dict[str, str] = dict(dens.get("denominator", {}))
        self.dens_unit: str = dens.get("unit", "km/km2")
        self.dens_quantity: str = dens.get("quantity", "density")
        self.symbols: dict[str, str] = dict(units.get("symbols", {}))
        self.codes: dict[str, str] = dict(units.get("currency_codes", {}))
        # sub-units after a whole amount of their currency: {currency: {written: factor}}
        self.subunits: dict[str, dict[str, float]] = {}
        for su in units.get("subunit", []):
            for w in su["written"]:
                self.subunits.setdefault(su["currency"], {})[w] = float(su["factor"])
        self.subunit_joiners = tuple(units.get("subunit_joiners", {}).get("words", []))
        su = units.get("shared_unit", {})
        self.shared_joiners = tuple(su.get("joiners", []))
        self.shared_lead = tuple(su.get("lead", []))
        self.shared_window = int(su.get("window", 16))
        mc = units.get("money_context", {})
        self.money_words = tuple(mc.get("words", []))
        self.money_not_after = tuple(mc.get("not_followed_by", []))
        self.money_magnitudes = tuple(mc["magnitudes"])
        self.money_window = int(mc.get("window", 12))
        self.compound_sep = tuple(units.get("compound", {}).get("per", ["/"]))
        self.compound_den = tuple(units.get("compound", {}).get("denominators", []))
        self.half_may_follow = tuple(units["half"]["may_follow"])
        self.per_unit_words = tuple(units["per_unit"]["words"])
        self.year_word_after = tuple(units["year_words"]["after"])
        self.dens_number_unit: str = dens["number_unit"]

        self.prefix = _words_by_key(quals.get("prefix", {}))
        self.prefix_blocked = {k: tuple(v) for k, v in quals.get("prefix_blocked_after", {}).items()}
        self.prefix_bare_only = set(quals.get("prefix_bare_magnitude_only", {}).get("words", []))
        bare_after = quals.get("bare_magnitude_after", {})
        self.bare_after_verbs = tuple(bare_after.get("verbs", []))  # 举办|百场…: a count of what is done
        self.bare_after_classifiers = frozenset(bare_after.get("classifiers", []))
        self.suffix = _words_by_key(quals.get("suffix", {}))
        self.suffix_blocked = {k: tuple(v) for k, v in quals.get("suffix_blocked_before", {}).items()}
        self.infix = _words_by_key(quals.get("infix", {}))
        self.horizon_words = tuple(quals.get("horizon", {}).get("words", []))
        self.duration_exact = set(quals.get("duration_exact_prefixes", {}).get("words", []))
        lv = quals.get("levels", {})
        self.level_suffixes = list(lv["suffixes"])
        self.bare_levels = list(lv.get("bare_levels", []))
        self.level_unit = lv.get("default_unit", "CNY")
        self.level_quantity = lv.get("default_quantity", "money")
        self.level_currencies: dict[str, str] = dict(lv["currencies"])
        self.level_counted_suffix: str = lv["counted_suffix"]
        rg = quals["range"]
        self.range_sep = rf"(?:{_alt(rg['separators'])})"
        self.range_second_lead = _alt(rg["before_second"]) or "x^"
        self.pct_range_sep = _alt(rg["percent_separators"]) or "x^"
        self.sign_after = "".join(quals.get("sign", {}).get("after", []))
        ordinal = quals.get("ordinal", {})
        ocls, omark = ordinal.get("classifiers", []), ordinal.get("mark", "")
        self.ordinal_mark: str = omark
        self.ordinal_last = frozenset(w[-1] for w in ocls)  # the regex runs only after one of these
        # 第一个十年: an ordinal phrase right before a number (the ordinal mark 第 is in Scan.bad_context)
        self.ordinal_before_rx = re.compile(
            rf"{re.escape(omark)}[0-9{CN_CHARS}]{{1,4}}(?:{_alt(ocls)})[ \t\u3000]*$") if ocls and omark else None
        # 十届|十二次、|十三次全会: a session's ordinal after its term, and the items of a list after it
        so = quals.get("session_ordinal") or {}
        self.session_classifiers = frozenset(so.get("classifiers", []))
        self.session_before_rx = re.compile(
            rf"(?:{_alt(so['after'])})(?:[0-9{CN_CHARS}]{{1,4}}(?:{_alt(so['classifiers'])})(?:{_alt(so['joiners'])}))*$"
        ) if so else None
        self.idioms = list(load_word_list("amounts/number_idioms.txt"))
        self._compile(units)

    def _compile(self, units: dict) -> None:
        self.rx = re.compile(self._pattern())
        self.sep_rx = re.compile(rf"{WS}{self.range_sep}{WS}")  # the gap between two amounts of a range
        # a bare Arabic number and a list joiner right before a position (分别提高11.1、11.2个百分点)
        self.shared_rx = re.compile(
            rf"(?<![\d.,，０-９])(?P<n>{self._arabic})(?P<mag>[万亿]{{0,2}}){WS}(?:{_alt(self.shared_joiners) or 'x^'}){WS}$")
        # tried again where a number+unit candidate was rejected (迈上1200亿台阶: 台阶 is no unit)
        self.headline_rx = re.compile(self._headline_pattern(self._arabic, self._cn))
        # characters a mention can start with (numerals, 负/零下, 几/数, 半, symbols, code letters)
        code_first = "".join(sorted({c[0] for c in self.codes}))
        self.trigger = re.compile(
            rf"[\d{CN_CHARS}负几数半\-－{_alt_chars(self.symbols)}{_alt_chars(code_first)}]")
        self.prefix_rx = re.compile(rf"(?:{_alt(list(self.prefix))}){WS}[{DQUOTE_OPEN}]?$")
        self.prefix_by_len = tuple(sorted(self.prefix, key=len, reverse=True))
        self.suffix_rx = re.compile(rf"{WS}(?:{_alt(list(self.suffix))})")
        self.idiom_rx = re.compile(_alt(self.idioms)) if self.idioms else None
        sub_alt = _alt([w for ws in self.subunits.values() for w in ws])
        join = _alt(self.subunit_joiners) or "\\x00"
        self.subunit_rx = re.compile(
            rf"{WS}(?:{join})?{WS}(?P<n>[0-9０-９{CN_DIGITS}]){WS}(?P<u>{sub_alt})") if sub_alt else None
        self.compound_rx = re.compile(
            rf"(?:{_alt(self.compound_sep)})(?:{_alt(self.compound_den)})") if self.compound_den else None
        self.paren_unit_rx = re.compile(r"[（(](?P<u>[\u4e00-\u9fff]{1,2})[）)]")
        qn = units.get("quoted_names", {})
        qcls = qn.get("classifiers", [])
        n = int(qn.get("max_chars", 10))
        self.quoted_name_rx = re.compile(
            rf"[“\"]([^“”\"，。、；]{{0,{n}}}?[\u4e00-\u9fffA-Za-z][0-9０-９零〇一二两三四五六七八九十百千]+"
            rf"(?:{_alt(qcls)}))[”\"]"
        ) if qcls else None
        self.quoted_span_rx = re.compile(rf"“([^“”，。、；：！？\s]{{1,{n}}})”")

    def _pattern(self) -> str:
        """The scanner: one alternative per form of GUIDELINES §2, tried in this order."""
        d = "[0-9０-９]"  # a keycap 5️⃣ is a picture, not a digit: Scan.bad_context rejects it
        # 兆 is one more numeral character here; parse_number refuses it at the end (五十兆瓦 backtracks
        # to 五十 + 兆瓦). A character class, not an alternation: the scanner stays fast.
        cn = rf"[{CN_CHARS}{''.join(TRILLION)}]"
        # thousands separators: ASCII digits take ",", full-width digits "，" too (１，０００元);
        # OCR splits digit groups with one space (1 234 567元). Repetition is bounded
        # everywhere: a long OCR run of digits must cost O(n), not O(n²).
        arabic = (rf"(?:{d}{{1,3}}(?:[ \u00a0\u2009\u202f]{d}{{3}}(?![0-9０-９])){{1,6}}"
                  rf"|{d}{{1,30}}(?:(?:,|(?<=[０-９])，){d}{{3}}(?![0-9０-９])){{0,8}})"
                  rf"(?:[.．·・]{d}{{1,12}})?")
        self._arabic, self._cn = arabic, cn
        mag = rf"[{MAG_CHARS}]"
        # a number: Arabic with Chinese magnitudes, further sections allowed (1.5万, 8000余万,
        # 3万亿, 1亿2千万), or Chinese numerals (三十, 两万亿, 几十, 十几, 三点五, 四十九兆…); 负 sign.
        # 负 is a sign unless a word ends in it (税负, 减负), see qualifiers.toml [sign]
        # (the lookbehinds run only once 负 has matched: the scanner stays fast)
        neg = rf"负(?:(?<![\u4e00-\u9fff]负)|(?<=[{_alt_chars(self.sign_after)}]负))"
        num = (
            rf"(?:{neg}|零下|(?<![\d%.A-Za-z])[-－](?=\d))?"
            rf"(?:{arabic}(?:{WS}[余多](?={WS}{mag}))?(?:{WS}{mag}{{1,4}}(?:[0-9零〇]{{1,4}}{mag}{{1,3}}){{0,3}})?"
            rf"|(?:[几数](?=[十百千万亿]))?{cn}{{1,24}}(?:[余多](?=[万亿萬億]){cn}{{1,4}})?"
            rf"(?:[点點][{CN_DIGITS}]{{1,12}}{mag}{{0,3}})?几?"
            rf"|半(?=个?[\u4e00-\u9fff]))"
        )
        unit_alt = _alt(list(self.units))
        return (
            # density 507公里/万平方公里
            rf"(?P<dn>{num}){WS}(?P<dnu>{_alt(list(self.dens_num))}){WS}/{WS}(?P<dmag>[十百千万])?"
            rf"(?P<ddu>{_alt(list(self.dens_den))})"
            # ratio 2.2∶1, and a map scale with its magnitude (1∶5万比例尺地形图 -> 1/50000)
            rf"|(?P<ra>{arabic}){WS}[∶:]{WS}(?P<rb>{arabic}(?:万|亿)?)(?![\d:∶])"
            # percent written out 百分之四十
            rf"|[百佰]分之(?P<pct>(?:负)?(?:{arabic}|{cn}{{1,24}}(?:[点點][{CN_DIGITS}]{{1,12}})?))"
            # … and its range: 百分之八到九, 百分之四至百分之五
            rf"(?:{WS}(?:{self.pct_range_sep}){WS}(?:百分之)?(?P<pct2>{arabic}|{cn}{{1,24}}(?:[点點][{CN_DIGITS}]{{1,12}})?)"
            rf"(?![{CN_CHARS}\d%％年月日号季]))?"  # not 百分之五到2025年
            # fraction 三分之一
            rf"|(?P<fden>{arabic}|{cn}{{1,24}})分之(?P<fnum>{arabic}|{cn}{{1,24}}(?:[点點][{CN_DIGITS}]{{1,12}})?)"
            # fraction 1/4 (not a date 2023/5/5)
            rf"|(?<![\d/])(?P<fa>\d{{1,12}})/(?P<fb>\d{{1,12}})(?![\d/])"
            # X级 levels 千亿级, “百亿”级, 100亿元级, 千万粉丝量级
            rf"|(?P<lv>{num})(?P<lvq>[{DQUOTE_CLOSE}])?(?P<lvu>{_alt(self.level_currencies) or 'x^'})?"
            rf"(?P<lvn>[\u4e00-\u9fff]{{1,2}}(?={re.escape(self.level_counted_suffix) or 'x^'}))?"
            rf"(?P<lvs>{_alt(self.level_suffixes)})"
            # currency symbol or ISO code before the number: ￥300, $20, USD 100
            rf"|(?P<sym>[{_alt_chars(self.symbols)}]|(?<![A-Za-z])(?:{_alt(list(self.codes)) or 'x^'}){WS})"
            rf"{WS}(?P<sn>{arabic}(?:{WS}{mag}{{1,4}})?)"
            # number (range) unit, with 半 after a measure unit (三斤半)
            rf"|(?P<n1>{num})(?:{WS}(?P<sep>{self.range_sep}){WS}(?:{self.range_second_lead})?(?P<n2>{num}))?{WS}"
            rf"(?P<inf>[余多来])?{WS}(?P<unit>{unit_alt})(?P<half>半)?"
            # bare level magnitude with no unit (千亿产业规模)
            rf"|(?P<bare>{_alt(self.bare_levels)})"
            # a 亿 magnitude with no unit: money only next to a money word (超300亿)
            rf"|{self._headline_pattern(arabic, cn)}"
        )

    def _headline_pattern(self, arabic: str, cn: str) -> str:
        return rf"(?P<hn>(?:{arabic}|{cn}{{1,24}})(?:{_alt(self.money_magnitudes)}))(?![{CN_CHARS}\d])"


@lru_cache(maxsize=1)
def lex() -> Lex:
    """The process-wide lexicon (configs are read once)."""
    return Lex()
