"""The dates grammar as one compiled regex, built from configs/dates/dates.toml.

Why one regex: a single alternation tried only where a date can start (see
numbers.scan) keeps the stage near 1M chars/s. The alternatives are ordered:
at one position the first that matches wins, so ranges and lists come before
the single dates they contain. Named groups tell resolve.py which form matched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.config import load_lexicon_toml
from pipeline.core.numbers import alternation as _alt

_CN_D = "〇零○一二三四五六七八九"
# 二〇一九; OCR and typists also write its zeros as 0 (二0一0年, 二００一年 after width folding)
_YEAR = rf"(?:\d{{4}}|[{_CN_D}0]{{4}})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十])"
_DAY = (
    r"(?:3[01]|[12]\d|0?[1-9]|三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])"
)
_CN_DAY = r"(?:三十一|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_END = r"(?=$|[，。,、；;！？!?\s])"  # a Chinese day with no 日 ends the phrase (二〇〇四年八月十五)
_COUNT = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_QUARTER = r"(?:前?第?[一二三四1-4]季度)"  # 前三季度 = Q1..Q3
# Key characters: every date form holds one of _KEYS (and one of _NEAR within 14 characters of its
# start); a form can start only at one of _STARTS or at the first character of a configured word.
_KEYS = "年月季五（(天日周週拜星"
_NEAR = "年月日号天季五周週拜星代世（(-—–－./到至~～"
_STARTS = "0123456789十第上下前后本（(两" + _CN_D


class Lex:
    """Word lists and the compiled grammar."""

    def __init__(self) -> None:
        cfg = load_lexicon_toml("dates/dates.toml")
        self._words(cfg)
        self.list_joins = tuple(cfg["ranges"]["list_joins"])
        f = self._fragments(cfg)
        spans = self._span_forms(f)
        self.rx = re.compile("|".join(spans + self._single_forms(f)))
        # the same grammar without the forms that span several dates: tried where a
        # range or list was read and rejected, so 8月至2月 still yields 8月
        self.rx_single = re.compile("|".join(self._single_forms(f)))
        self._filters()
        self.rx_at = self._fast_paths(self._single_forms(f))

    def _words(self, cfg: dict) -> None:
        """Word lists and numbers from configs/dates/dates.toml."""
        self.rel_years: dict[str, int] = {k: int(v) for k, v in cfg.get("relative_years", {}).items()}
        self.anaphoric_years = tuple(cfg.get("anaphoric_years", {}).get("words", []))
        self.same_year = tuple(cfg.get("same_year", {}).get("words", []))
        yparts = cfg.get("year_parts", {})
        self.year_parts = tuple(yparts.get("words", []))
        self.anaphoric_parts = tuple(yparts.get("anaphoric", []))
        self.whole_year = tuple(yparts.get("whole_year", []))
        self.whole_year_goals = tuple(yparts.get("whole_year_goals", []))
        self.past_year_heading = re.compile((cfg.get("section_years") or {}).get("past_year", "(?!)"))
        self.habitual = tuple(cfg.get("habitual", {}).get("words", []))
        self.since = tuple(cfg.get("since", {}).get("words", []))
        plans = cfg.get("plans", {})
        self.plan_base = int(plans.get("first_year_of_third", 1966))
        self.plan_after = tuple(plans.get("after", []))
        yrs = cfg.get("years", {})
        self.ymin, self.ymax = int(yrs.get("min", 1840)), int(yrs.get("max", 2100))
        self.full_date_min = int(yrs.get("full_date_min", self.ymin))
        dec = cfg.get("decades", {})
        self.centuries: dict[str, int] = {k: int(v) for k, v in dec.get("centuries", {}).items()}
        self.default_century = int(dec.get("default_century", 1900))
        ago = cfg.get("years_ago", {})
        self.ago_before = tuple(ago.get("before", []))
        self.ago_max = int(ago.get("max_years", 100))
        self.after_opens_after = tuple(ago.get("after_opens_after", []))
        self.after_not_before = tuple(ago.get("after_not_before", []))
        self.rel_days: dict[str, int] = {
            k: int(v) for k, v in cfg.get("relative_days", {}).items() if not isinstance(v, list)}
        self.rel_months: dict[str, int] = {k: int(v) for k, v in cfg.get("relative_months", {}).items()}
        self.rel_weeks: dict[str, int] = {k: int(v) for k, v in cfg.get("relative_weeks", {}).items()}
        self.pivot = int(cfg.get("two_digit_years", {}).get("pivot", 50))
        ref = cfg.get("reference", {})
        self.baseline_before = tuple(ref.get("baseline_before", []))
        self.year_not_before = tuple(cfg["years"]["not_before"])
        self.halves: dict[str, int] = dict(cfg["halves"])
        self.weekdays: dict[str, int] = dict(cfg["weeks"]["days"])
        self.days_before = tuple(cfg["days_ago"]["before"])
        self.week_words = tuple(cfg["weeks"]["words"])
        self.range_to = tuple(cfg["ranges"]["to"])

    def _fragments(self, cfg: dict) -> dict[str, str]:
        """Regex pieces shared by the forms, built from the word lists."""
        parts = cfg.get("parts", {})
        ago = cfg.get("years_ago", {})
        units = "".join(re.escape(c) for c in cfg.get("brackets", {}).get("unit_after", []))
        inv = "".join(cfg.get("invisible", {}).get("chars", []))
        self.invisible = re.compile(f"[{re.escape(inv)}]") if inv else None

        w = rf"[ \t\u3000\u00a0{re.escape(inv)}]{{0,3}}"
        br_nb = f"(?!{w}[{units}])" if units else ""
        nb = "".join(re.escape(c) for c in parts.get("not_before", []))
        nb = f"(?![{nb}])" if nb else ""
        ypart = f"(?:{_alt(parts.get('year', []))}){nb}"
        mpart = f"(?:{_alt(parts.get('month', []))}){nb}"
        since = _alt(self.since) if self.since else "(?!)"
        rel_na = "".join(re.escape(c) for c in cfg.get("relative_not_after", {}).get("chars", []))
        rel = _alt(list(self.rel_years) + list(self.same_year))
        if rel_na:
            rel = f"(?<![{rel_na}])(?:{rel})"
        yp = f"(?:{_alt(self.year_parts)}){nb}"
        cent = _alt(self.centuries) or "(?!)"
        ago_w = _alt(list(ago.get("before", [])) + list(ago.get("after", []))) or "(?!)"
        ago_na = "".join(re.escape(c) for c in ago.get("not_after", []))
        ago_nb = "".join(re.escape(c) for c in ago.get("not_before", []))
        ago_nb = f"(?![{ago_nb}])" if ago_nb else ""
        full_md = rf"(?={w}年{w}{_MONTH}{w}月{w}{_DAY}{w}[日号])"
        yform = (rf"{_YEAR}|0\d|[〇零○][{_CN_D}]|\d{{2}}{full_md}"
                 rf"|[一二两]千[零〇一二三四五六七八九十]{{0,4}}(?={w}年{w}{_MONTH}{w}月)")
        head = rf"(?:(?<![\d.{_CN_D}])(?P<{{p}}y>{yform}){w}年|(?P<{{p}}rel>{rel}))"

        rd = cfg.get("relative_days", {})
        rday = _alt(self.rel_days) or "(?!)"
        rday_na = "".join(re.escape(c) for c in rd.get("not_after", []))
        rday_na = f"(?<![{rday_na}])" if rday_na else ""
        rday_nb = f"(?!{_alt(rd.get('not_before', []))})" if rd.get("not_before") else ""
        rmon = _alt(self.rel_months) or "(?!)"
        bd = cfg.get("bare_days", {})
        bday_na = "".join(re.escape(c) for c in bd.get("not_after", []))
        bday_na = rf"(?<![\d{bday_na}])"
        bday_nb = "".join(re.escape(c) for c in bd.get("not_before", []))
        bday_nb = f"(?![{bday_nb}])" if bday_nb else ""
        wkp = _alt(self.rel_weeks) or "(?!)"
        self.w = w
        self.since_rx = re.compile(rf"{w}(?:{since})")
        return {**{k: v for k, v in locals().items() if isinstance(v, str)}, **_word_fragments(cfg)}

    def _span_forms(self, f: dict[str, str]) -> list[str]:
        """Ranges, lists and decades: forms that span several dates (tried first)."""
        w, nb, cent, sep, lj = f["w"], f["nb"], f["cent"], f["sep"], f["ljoin"]
        def yhead(prefix: str) -> str:
            return f["head"].replace("{p}", prefix)

        return [
            # a range of numeric dates: 2018/1/10-2018/7/10
            rf"(?P<isor>(?<![\d.])(?P<ay>\d{{4}})(?P<asep>[-./])(?P<am>\d{{1,2}})(?P=asep)(?P<ad>\d{{1,2}}){w}{sep}{w}"
            rf"(?P<by>\d{{4}})(?P=asep)(?P<bm>\d{{1,2}})(?P=asep)(?P<bd>\d{{1,2}})(?![\d.]))",
            # day-first numeric dates with a four-digit year: 13.5.2015, 3-7-2017, 10/1/2018-10/7/2018
            rf"(?P<dmy>(?<![\d./-])(?P<xd>\d{{1,2}})(?P<xsep>[-./])(?P<xm>\d{{1,2}})(?P=xsep)(?P<xy>\d{{4}})"
            rf"(?:{w}{sep}{w}(?P<xd2>\d{{1,2}})(?P=xsep)(?P<xm2>\d{{1,2}})(?P=xsep)(?P<xy2>\d{{4}}))?(?![\d.]))",
            # 2023-05-05, 2023.5.5, 2023/05/05
            r"(?P<iso>(?<![\d.])(?P<iy>\d{4})(?P<isep>[-./])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?![\d.]))",
            # day ranges: 2016年6月1日-6月30日, 一月十日到十二日, 7月4日到7月6日
            rf"(?P<dr>(?:{yhead('dr')}{w})?(?<![\d{_CN_D}十])(?P<drm1>{_MONTH}){w}月{w}(?P<drd1>{_DAY}){w}[日号]{w}{sep}{w}"
            rf"(?:(?P<dry2>{_YEAR}|\d{{2}}){w}年{w})?(?:(?P<drm2>{_MONTH}){w}月{w})?(?P<drd2>{_DAY}){w}[日号])",
            # 2007年与2009年间, 2015年和2018年之间
            rf"(?P<yj>(?<![\d.])(?P<j1>{_YEAR}){w}年?{w}(?:{f['andto']}){w}(?P<j2>{_YEAR}){w}年{w}(?:{f['between']}))",
            # 2018-2020年, 2018年-2020年, 2010—2017年度
            rf"(?P<yr>(?<![\d.])(?P<y1>{_YEAR}){w}年?{w}{sep}{w}(?P<y2>{_YEAR}){w}年(?:度)?)",
            # 从2016到2018 (no 年), 2010年之后2018年之前
            rf"(?P<ft>{f['from_']}(?P<f1>\d{{4}}){w}{sep}{w}(?P<f2>\d{{4}})(?![\d年.]))",
            rf"(?P<aft>(?<![\d.])(?P<af1>{_YEAR}){w}年{w}(?:{f['after']}){w}(?P<af2>{_YEAR}){w}年{w}(?:{f['before']}))",
            # 2008、2009、2010年: years sharing one 年
            rf"(?P<yl>(?<![\d.{_CN_D}])(?:\d{{4}}(?:{w}(?:{lj}){w}\d{{4}})+|[{_CN_D}0]{{4}}(?:{w}(?:{lj}){w}[{_CN_D}0]{{4}})+)"
            rf"{w}年(?!代))",
            # decades: 上世纪80年代, 90年代, 八九十年代, 1980年代
            rf"(?P<dec>(?:(?P<cent>{cent}){w}|(?<![\d{_CN_D}十百千]))"
            rf"(?:(?P<dd1>[一二三四五六七八九])(?P<dd2>[一二三四五六七八九])十|(?P<dn>[1-9]0|[一二三四五六七八九]十)"
            rf"|(?P<dfull>1[89]\d0|20\d0)){w}年代(?:{f['dparts']})?{nb})",
            # year + month range: 2023年1—5月, 2019年1月至2020年3月
            rf"(?P<ymr>{yhead('r')}{w}(?P<rm1>{_MONTH}){w}月?{w}{sep}{w}"
            rf"(?:(?P<ry2>{_YEAR}){w}年{w})?(?P<rm2>{_MONTH}){w}月(?:份)?(?![\d{_CN_D}日号]))",
            # bare month range 1—5月, 三月到五月, 三月和九月之间 (…间 may cross the new year)
            rf"(?P<mr>(?<![\d{_CN_D}十])(?P<bm1>{_MONTH}){w}月?{w}(?:(?P<bmz>{f['to']})|{sep}|(?P<bmj>{f['and_']})){w}(?P<bm2>{_MONTH}){w}月(?:份)?"
            rf"(?(bmj){w}(?P<bmk>{f['between']})|(?![\d{_CN_D}日号])))",
            # quarter ranges: 一至三季度, 2024年一、二季度
            rf"(?P<qr>(?:{yhead('q')}{w})?(?<![\d{_CN_D}前])第?(?P<q1>[一二三四1-4]){w}(?:季度)?{w}(?:{f['qjoin']}){w}第?"
            rf"(?P<q2>[一二三四1-4]){w}季度)",
        ]

    def _single_forms(self, f: dict[str, str]) -> list[str]:
        """Forms of one date."""
        w, half, sep = f["w"], f["half"], f["sep"]
        ypart = f["ypart"]
        mpart = f["mpart"]
        rel = f["rel"]
        yp = f["yp"]
        ago_w = f["ago_w"]
        ago_na = f["ago_na"]
        ago_nb = f["ago_nb"]
        def yhead(prefix: str) -> str:
            return f["head"].replace("{p}", prefix)

        rday = f["rday"]
        rday_na = f["rday_na"]
        rday_nb = f["rday_nb"]
        rmon = f["rmon"]
        bday_na = f["bday_na"]
        bday_nb = f["bday_nb"]
        wkp = f["wkp"]
        br_nb = f["br_nb"]
        return [
            # N年前 / N年后: 十年前, 三年以后
            rf"(?P<ago>(?<![\d{_CN_D}十百千{ago_na}])(?!0)(?P<an>{_COUNT}){w}年{w}(?P<adir>{ago_w}){ago_nb})",
            # days and months named from the publication date: 昨天, 明日, 本月十日, 去年本月十日
            rf"(?P<rday>{rday_na}(?P<rdw>{rday}){rday_nb})",
            rf"(?P<rmon>(?:(?P<rmrel>{rel}){w})?(?P<rmw>{rmon})(?:{w}(?P<rmd>{_DAY}){w}[日号])?)",
            # weekdays of a week named from the publication date: 上周一, 这个星期一, 下下周日
            rf"(?P<wk>(?P<wkp>{wkp})[个個]?(?:{f['weekw']})(?P<wkd>{f['weekd']}))",
            # N天前 / N天后: the publication day - / + N
            rf"(?P<dago>(?<![\d{_CN_D}十百千{f['da_na']}])(?P<dan>{_COUNT}){w}天{w}(?P<dadir>{f['da_dir']}){f['da_nb']})",
            # the Nth month of a year: 2021年的第三个月, 明年第九个月
            rf"(?P<ordm>{yhead('o')}{w}的?{w}第(?P<omn>{_MONTH})[个個]月)",
            # year head + month [+ day] [+ part]
            rf"(?P<ym>{yhead('')}{w}"
            rf"(?:(?P<q>{_QUARTER})|(?P<h>{half})|(?P<m>{_MONTH}){w}月(?!{w}[{f['mrs']}]{w}\d)"
            rf"(?:{w}(?P<d>{_DAY}){w}[日号]|(?P<dcn>{_CN_DAY}){_END})?(?P<mp>{mpart})?|(?P<yp>{ypart}))?)",
            # month + day with no year: 4月17日
            rf"(?P<md>(?<![\d{_CN_D}年十])(?P<mm>{_MONTH}){w}月{w}(?:(?P<dd>{_DAY}){w}[日号]|(?P<ddn>{_CN_DAY}){_END}))",
            # month with a part and no year: 6月初, 3月上旬
            rf"(?P<mpo>(?<![\d{_CN_D}年个十])(?P<pm>{_MONTH}){w}月(?P<pmp>{mpart}))",
            # a month with no year: 3月, 5月份
            rf"(?P<mo>(?<![\d{_CN_D}年十{f['mo_na']}])(?P<om>{_MONTH}){w}月(?:份)?(?![\d{_CN_D}{f['mo_nb']}]))",
            # quarter / half with no year: 一季度, 上半年
            rf"(?P<qo>(?<![年\d前])(?:{_QUARTER}|{half}))",
            # standalone year parts: 年内, 年底
            rf"(?P<ypo>(?<![\d{_CN_D}十百千两{f['yp_na']}])(?:{yp}))",
            # a day of the month in Arabic digits with no month: 29日
            rf"(?P<bday>{bday_na}(?P<bdd>[12]\d|3[01]|0?[1-9])日{bday_nb})",
            # five-year plans: 十四五, 九五, 十五 (the 10th)
            rf"(?P<plan>(?<![\d{_CN_D}十第])(?P<pn>十[一二三四五六七八九]|十|[三四五六七八九])五)",
            # a bare year in brackets after a name: 西溪园区（2012）
            rf"(?P<br>(?<=[\u4e00-\u9fff”》])[（(]{w}(?P<b1>\d{{4}})(?:{w}{sep}{w}(?P<b2>\d{{4}}))?{w}年?{w}[）)]{br_nb})",
        ]

    def _fast_paths(self, singles: list[str]) -> dict[str, re.Pattern[str]]:
        """Characters where one form alone can start (年 -> 年内 / 年底; 大 -> 大前天; 这 -> 这个星期一),
        each mapped to that form: only it is tried there. Derived from the word lists, so a word added
        to another section that starts with the same character takes the character off the fast path."""
        firsts: dict[str, set[str]] = {c: {"*"} for c in _STARTS}
        owners = [(self.year_parts, "ypo"), (self.rel_days, "rday"), (self.rel_weeks, "wk"),
                  (self.rel_years, "*"), (self.same_year, "*"), (self.centuries, "*"),
                  (self.rel_months, "*"), (self.halves, "*")]
        for words, form in owners:
            for w in words:
                firsts.setdefault(w[0], set()).add(form)

        def only(name: str) -> re.Pattern[str]:
            return re.compile("|".join(a for a in singles if a.startswith(f"(?P<{name}>")))

        return {c: only(next(iter(forms))) for c, forms in firsts.items() if len(forms) == 1 and "*" not in forms}

    def _filters(self) -> None:
        """Cheap tests that skip text with no date, and the helper patterns."""
        # Every date form holds one of these key characters: a cheap test skips most sentences.
        # A configured word that stands alone as a date (年内, 本月) and holds none of them adds its first.
        alone = [*self.rel_years, *self.same_year, *self.rel_days, *self.rel_months, *self.year_parts,
                 *self.halves, *self.week_words]
        extra = "".join(sorted({w[0] for w in alone if not set(w) & set(_KEYS)}))
        self.quick = re.compile(f"[{re.escape(_KEYS + extra)}]" + r"|\d[-./到至~～—]\d")
        self.near = re.compile(f"[{re.escape(_NEAR + extra)}]")
        starts = set(_STARTS)
        words = list(self.rel_years) + list(self.same_year) + list(self.year_parts) + list(self.centuries)
        for word in words + list(self.rel_days) + list(self.rel_months) + list(self.rel_weeks):
            starts.add(word[0])
        self.trigger = re.compile("[" + re.escape("".join(sorted(starts))) + r"\d]")
        self.year_rx = re.compile(rf"\d{{4}}|[{_CN_D}0]{{4}}")
        # a list of years sharing one 年 (2008、2009、2010年) may hold its key character past the
        # window ``near`` looks in: the window then starts after the run of years and joins
        joins = "".join(re.escape(j) for j in self.list_joins if len(j) == 1)
        self.year_run = re.compile(rf"[\d{_CN_D}\s{joins}]*")



def _chars(words: list[str]) -> str:
    """The inside of a character class holding each of ``words`` (single characters)."""
    return "".join(re.escape(c) for c in words)


def _word_fragments(cfg: dict) -> dict[str, str]:
    """Regex pieces of the word lists of ranges, halves, decades, weeks, days ago and months."""
    rg, da, mo = cfg["ranges"], cfg["days_ago"], cfg["months"]

    def alt(words: list[str]) -> str:
        return _alt(words) or "(?!)"

    da_nb = _chars(da["not_before"])
    return {
        "sep": f"(?:{alt(rg['separators'])})",
        "mrs": _chars(rg["month_range_separators"]),
        "to": alt(rg["to"]),
        "and_": alt(rg["and"]),
        "andto": alt(rg["and"] + rg["to"]),
        "between": alt(rg["between"]),
        # one lookbehind per word: a lookbehind must have a fixed width
        "from_": "(?:" + "|".join(f"(?<={re.escape(x)})" for x in rg["from"]) + ")" if rg["from"] else "(?!)",
        "after": alt(rg["after"]),
        "before": alt(rg["before"]),
        "ljoin": alt(rg["list_joins"]),
        "qjoin": alt(rg["quarter_joins"]),
        "half": f"(?:{alt(list(cfg['halves']))})",
        "dparts": alt(cfg["decade_parts"]["words"]),
        "weekw": alt(cfg["weeks"]["words"]),
        "weekd": alt(list(cfg["weeks"]["days"])),
        "da_dir": alt(da["before"] + da["after"]),
        "da_na": _chars(da["not_after"]),
        "da_nb": f"(?![{da_nb}])" if da_nb else "",
        "mo_na": _chars(mo["not_after"]),
        "mo_nb": _chars(mo["not_before"]),
        "yp_na": _chars(cfg["year_parts"]["not_after"]),
    }


@lru_cache(maxsize=1)
def lex() -> Lex:
    """The grammar, compiled once per process."""
    return Lex()
