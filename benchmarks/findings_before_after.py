"""Issue 14's findings, reproduced black-box against any checkout: PASS where the finding is fixed, FAIL where not.

Every reproduction runs `python -m pipeline extract ...` of the checkout given (a subprocess with PYTHONPATH set
to it; cwd the checkout, except where a run could write into cwd), so the same script runs against the code
before issue 14 (/work/old-bd5e836, flat layout) and after it. Each run is bounded: a run that does not end
in its time limit is killed (its whole process group) and counts as FAIL (a hang). Reproductions run one at
a time. Where a reproduction cannot exercise a finding on a checkout, the line says NOT EXERCISED and why.

Usage: python benchmarks/findings_before_after.py CHECKOUT [--only 1 3 8e ...] [--scratch DIR] [--append FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from findings_harness import (
    HANG_S,
    Line,
    Repro,
    cpu_ticks,
    docs,
    files_state,
    finish,
    kill_group,
    snapshot,
    table,
    tail,
    verdict,
    workers_of,
)

HERE = Path(__file__).resolve().parent.parent
SEEDS = HERE / "seeds"
TEXT = "杭州市上城区人民政府2023年5月发布通知。力争到2025年，全区数字经济核心产业增加值突破500亿元。\n"
TEXT2 = "浙江大学与之江实验室签约，总投资约3.2亿元，今年计划新增企业100家。\n"


# --- the findings ---------------------------------------------------------------------------------------


def f1_interrupted_rerun(r: Repro) -> list[Line]:
    """1: a rerun with changed inputs (a metadata date, or an edited file), killed at its first visible write into
    OUTDIR (a part or the manifest replaced or added, not a hidden temporary), then a run with the first
    inputs: it must give the first run's tables (the old code deleted the
    changed document's rows before its manifest said so, and the next run skipped it)."""
    return [f1_case(r, sig, change) for sig, change in ((signal.SIGKILL, "date"), (signal.SIGINT, "date"),
                                                          (signal.SIGKILL, "edit"))]


def f1_case(r: Repro, sig: signal.Signals, change: str) -> Line:
    fid = f"1/{sig.name}/{change}"
    d = r.folder(f"f1_{sig.name}_{change}")
    src = docs(d / "in", a=TEXT, b=TEXT2)
    meta1, meta2 = d / "m1.csv", d / "m2.csv"
    meta1.write_text("doc_id,pub_date\na,2023\nb,2023\n", encoding="utf-8")
    meta2.write_text(f"doc_id,pub_date\na,2023\nb,{2024 if change == 'date' else 2023}\n", encoding="utf-8")
    out = d / "out"
    first = r.run(str(src), "-o", str(out), "-w", "1", "--metadata", str(meta1), timeout=300)
    if first.rc != 0:
        return Line(fid, "NOT EXERCISED", f"first run exit {first.rc}: {tail(first.err)}")
    ref, before = snapshot(out), files_state(out)
    if change == "edit":
        docs(src, b=TEXT2 + TEXT)
    proc = r.popen(str(src), "-o", str(out), "-w", "1", "--metadata", str(meta2))
    deadline = time.monotonic() + 300
    while proc.poll() is None and files_state(out) == before and time.monotonic() < deadline:
        time.sleep(0.002)
    if proc.poll() is not None:
        return Line(fid, "NOT EXERCISED", "the rerun ended before it wrote anything")
    os.kill(proc.pid, sig)
    if finish(proc, 30).hung:
        return Line(fid, "FAIL", f"the rerun did not stop on {sig.name} within 30 s")
    docs(src, b=TEXT2)  # the first inputs again (an edit undone: same content, a new mtime)
    nxt = r.run(str(src), "-o", str(out), "-w", "1", "--metadata", str(meta1), timeout=300)
    ids = sorted(table(out, "documents").doc_id) if nxt.rc is not None else []
    same = nxt.rc == 0 and snapshot(out) == ref
    return verdict(fid, same, f"rerun ({change} changed) killed by {sig.name} at its first visible write; next run exit "
                   f"{nxt.rc}, '{tail(nxt.err, 70)}'; documents {ids}; tables equal the first run's: {same}")


def f2_dead_worker(r: Repro) -> list[Line]:
    """2: SIGKILL a busy worker of `extract --workers 2`; the run must end (no hang) with the undisturbed tables."""
    d = r.folder("f2")
    cfg = d / "c.toml"
    cfg.write_text("[run]\nchunk_docs = 1\nbatch_docs = 1\n", encoding="utf-8")
    src = d / "in"
    shutil.copytree(SEEDS, src)
    args = [str(src), "--metadata", str(src / "metadata.csv"), "--config", str(cfg), "-w", "2"]
    ref = r.run(*args, "-o", str(d / "ref"), timeout=600)
    if ref.rc != 0:
        return [Line("2", "NOT EXERCISED", f"undisturbed run exit {ref.rc}: {tail(ref.err)}")]
    out = d / "out"
    t0 = time.monotonic()
    proc = r.popen(*args, "-o", str(out))
    killed, deadline = None, time.monotonic() + 300
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        ws = workers_of(proc.pid)
        # a document's rows are written, so both workers have loaded their models and taken work (the new code
        # writes a manifest at the start, so its presence says nothing)
        if len(ws) >= 2 and any((out / "documents").glob("part-*.parquet")):
            killed = max(ws, key=cpu_ticks)
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.01)
    if killed is None:
        kill_group(proc)
        finish(proc, 30)
        return [Line("2", "NOT EXERCISED", "the run ended before a busy worker could be killed")]
    t_kill = time.monotonic()
    res = finish(proc, HANG_S + ref.seconds, t0)
    after_kill = time.monotonic() - t_kill
    if res.hung:
        return [Line("2", "FAIL", f"killed worker {killed}; the run hung (killed after "
                     f"{after_kill:.0f} s; an undisturbed run takes {ref.seconds:.0f} s)")]
    same = res.rc == 0 and snapshot(out) == snapshot(d / "ref")
    return [verdict("2", same, f"killed worker {killed}; run ended {after_kill:.0f} s later, exit "
                    f"{res.rc}, {res.seconds:.0f} s in all (undisturbed {ref.seconds:.0f} s); a retry logged: "
                    f"{'retrying' in res.err}; same tables: {same}")]


def unpunctuated(n: int) -> str:
    han = "".join(re.findall(r"[\u4e00-\u9fff]", "".join(p.read_text(encoding="utf-8")
                                                          for p in sorted(SEEDS.glob("*.txt")))))
    return (han * (n // len(han) + 1))[:n]


def f3_superlinear(r: Repro) -> list[Line]:
    """3: one 100k and one 200k-character unpunctuated line, each in its own run beside a small document, and a
    run of the small document alone. Cost = the run's CPU seconds (all its processes: steadier than wall time on
    a shared machine) less the small run's, so model loading cancels. Over 2.6x for twice the size is
    superlinear (linear: 2, n^1.6: 3.0)."""
    import resource

    cost, longest = {}, {}
    for n in (0, 100_000, 200_000):
        d = r.folder(f"f3_{n}")
        src = docs(d / "in", a_warm=TEXT, **({"line": unpunctuated(n)} if n else {}))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        res = r.run(str(src), "-o", str(d / "out"), "-w", "1", timeout=900)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if res.rc != 0:
            return [Line("3a", "FAIL", f"{n:,} chars: exit {res.rc} (hung: {res.hung}): {tail(res.err)}")]
        cost[n] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        sents = table(d / "out", "sentences")
        longest[n] = int((sents.end - sents.start).max())
    t1, t2 = cost[100_000] - cost[0], cost[200_000] - cost[0]
    return [verdict("3a", t2 / t1 <= 2.6, f"CPU s beyond the small run ({cost[0]:.1f} s): 100k chars {t1:.1f} s, "
                    f"200k chars {t2:.1f} s: ratio {t2 / t1:.2f} (limit 2.6); longest sentence "
                    f"{longest[200_000]:,} chars")]


def f3_too_large(r: Repro) -> list[Line]:
    """3: the huge file must not take the small one down. Stand-in for the 52 MB file (600 s and 4 GB on the old
    code, not run here): run.max_doc_chars = 50000 and a 60k-char file beside a small one."""
    d = r.folder("f3b")
    cfg = d / "c.toml"
    cfg.write_text("[run]\nmax_doc_chars = 50000\n", encoding="utf-8")
    src = docs(d / "in", big=TEXT * (60_000 // len(TEXT) + 1), small=TEXT2)
    res = r.run(str(src), "-o", str(d / "out"), "-w", "1", "--config", str(cfg), timeout=600)
    if res.rc is None:
        return [Line("3b", "FAIL", "the run hung")]
    errors = table(d / "out", "errors")
    kinds = dict(zip(errors.doc_id, errors.kind))
    ids = sorted(table(d / "out", "documents").doc_id)
    ok = kinds == {"big": "too_large"} and ids == ["small"]
    return [verdict("3b", ok, f"exit {res.rc}; errors {kinds}; documents {ids}")]


def f4_two_writers(r: Repro) -> list[Line]:
    """4: two runs into one OUTDIR at once: the second must exit 2 naming the first, the tables stay whole."""
    d = r.folder("f4")
    src = d / "in"
    shutil.copytree(SEEDS, src)
    args = [str(src), "-o", str(d / "out"), "-w", "1", "--metadata", str(src / "metadata.csv")]
    ref = r.run(str(src), "-o", str(d / "ref"), "-w", "1", "--metadata", str(src / "metadata.csv"), timeout=600)
    first = r.popen(*args)
    deadline = time.monotonic() + 60
    while first.poll() is None and not (d / "out").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    second = r.run(*args, timeout=600)
    one = finish(first, 600)
    rows = len(table(d / "out", "documents")) if one.rc is not None else -1
    same = one.rc == 0 and ref.rc == 0 and snapshot(d / "out") == snapshot(d / "ref")
    ok = second.rc == 2 and "pid" in second.err and same
    said = next((ln for ln in second.err.splitlines() if ln.strip()), "")[:150]
    return [verdict("4", ok, f"first exit {one.rc}, second exit {second.rc} ('{said}'); "
                    f"{rows} document rows for 5 documents; tables equal a lone run's: {same}")]


def f5_part_names(r: Repro) -> list[Line]:
    """5: after a.txt and b.txt, a file named 'a<newline>b.txt' must not overwrite their part."""
    d = r.folder("f5")
    src = docs(d / "in", a=TEXT, b=TEXT2)
    out = d / "out"
    r.run(str(src), "-o", str(out), "-w", "1", timeout=300)
    (src / "a\nb.txt").write_text(TEXT + TEXT2, encoding="utf-8")
    r.run(str(src), "-o", str(out), "-w", "1", timeout=300)
    again = r.run(str(src), "-o", str(out), "-w", "1", timeout=300)
    ids = sorted(table(out, "documents").doc_id)
    ok = ids == ["a", "a\nb", "b"] and again.rc == 0
    return [verdict("5", ok, f"documents after a third run: {ids!r} (exit {again.rc})")]


def f6_workers(r: Repro) -> list[Line]:
    """6: --workers 12 on one document must not start 12 processes (the run is stopped as soon as it has more
    workers than documents: the old code would load 12 models); 0 and -3 must exit 2. (--workers 100000 is not
    run: on the old code it forks until the shared machine stalls.)"""
    d = r.folder("f6")
    src = docs(d / "in", a=TEXT)
    proc = r.popen(str(src), "-o", str(d / "out"), "-w", "12")
    most, deadline = 0, time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        most = max(most, len(workers_of(proc.pid)))
        if most > 1:
            kill_group(proc)
            break
        time.sleep(0.005)
    res = finish(proc, 300)
    lines = [verdict("6a", most <= 1 and res.rc == 0, f"--workers 12 on 1 document: {most} worker processes seen "
                     f"(stopped at 2), exit {res.rc}")]
    codes = {w: r.run(str(src), "-o", str(d / "o2"), "-w", w).rc for w in ("0", "-3")}
    lines.append(verdict("6b", set(codes.values()) == {2}, f"exit codes {codes} (0 was refused before issue 14 too)"))
    return lines + [f6_many_workers(r, d)]


def f6_many_workers(r: Repro, d: Path) -> Line:
    """6: --workers 100000 over the five seeds: at most min(cores, 5) workers. The run is stopped (its whole
    process group) the moment it has more workers than cores, so the old code cannot fork-bomb the machine."""
    src = d / "seeds"
    shutil.copytree(SEEDS, src)
    cores = os.cpu_count() or 1
    proc = r.popen(str(src), "-o", str(d / "o3"), "-w", "100000")
    most, deadline = 0, time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        most = max(most, len(workers_of(proc.pid)))
        if most > cores:
            kill_group(proc)
            break
        time.sleep(0.005)
    res = finish(proc, 300)
    return verdict("6c", most <= min(cores, 5) and res.rc == 0, f"--workers 100000 over 5 documents on {cores} "
                   f"cores: {most} worker processes seen (stopped past {cores}), exit {res.rc}")


def f7_config_types(r: Repro) -> list[Line]:
    """7a: config values of the wrong type exit 2 with one line naming the key, no traceback."""
    d = r.folder("f7a")
    src = docs(d / "in", a=TEXT)
    lines = []
    for key, toml in (("batch_docs", '[run]\nbatch_docs = "abc"\n'), ("ner", "ner = 5\n"),
                      ("batch_size", '[ner]\nbatch_size = "abc"\n')):
        cfg = d / f"{key}.toml"
        cfg.write_text(toml, encoding="utf-8")
        res = r.run(str(src), "-o", str(d / f"o_{key}"), "-w", "1", "--config", str(cfg), timeout=300)
        ok = res.rc == 2 and key in res.err and "Traceback" not in res.err
        lines.append(verdict(f"7a/{key}", ok, f"exit {res.rc}, traceback: {'Traceback' in res.err}; "
                             f"'{tail(res.err, 120)}'"))
    gbk = d / "gbk.toml"  # a config saved by a Chinese editor
    gbk.write_bytes("# 批处理设置\n[run]\nbatch_docs = 8\n".encode("gbk"))
    res = r.run(str(src), "-o", str(d / "o_gbk"), "-w", "1", "--config", str(gbk), timeout=300)
    lines.append(verdict("7a/gbk", res.rc == 2 and gbk.name in res.err and "Traceback" not in res.err,
                         f"a GBK-encoded --config: exit {res.rc}; '{tail(res.err, 120)}'"))
    inf = d / "inf.toml"  # valid TOML; the old code had no time limit, so it passes there by ignoring the key
    inf.write_text("[run]\ndoc_seconds = inf\n", encoding="utf-8")
    res = r.run(str(src), "-o", str(d / "o_inf"), "-w", "1", "--config", str(inf), timeout=300)
    lines.append(verdict("7a/inf", res.rc == 0, f"run.doc_seconds = inf (no limit): exit {res.rc}; "
                         f"'{tail(res.err, 120)}'"))
    return lines


def in_tmpfs(mnt: Path, setup: str) -> list[str]:
    """A wrapper running the CLI in a private mount namespace over a tmpfs at mnt (gone when the run ends),
    then listing the temporaries left in it (after the marker line)."""
    script = (f"{setup} || exit 97; \"$@\"; rc=$?; echo '==LEFT=='; "
              f"find {mnt} -name '*.tmp' -o -name '.*.tmp*'; exit $rc")
    return ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh"]


def f7_unwritable(r: Repro) -> list[Line]:
    """7b: a read-only OUTDIR and a full disk (a tmpfs remounted read-only; a tmpfs of a few pages) exit 2 with
    a one-line message, no traceback, no temporaries left."""
    d = r.folder("f7b")  # two short documents: at 36k the old code's parts fit and its manifest does not
    src = docs(d / "in", a=TEXT.split("。")[0] + "。\n", b=TEXT2.split("，今年")[0] + "。\n")
    mnt = d / "mnt"
    mnt.mkdir()
    if shutil.which("unshare") is None:
        return [Line("7b", "NOT EXERCISED", "no unshare(1) to mount a private tmpfs")]
    cases = {"read-only": f"mount -t tmpfs tmpfs {mnt} && mkdir {mnt}/out && mount -o remount,ro {mnt}"}
    for kb in (16, 36):
        cases[f"full {kb}k"] = f"mount -t tmpfs -o size={kb}k tmpfs {mnt}"
    lines = []
    for name, setup in cases.items():
        res = r.run(str(src), "-o", str(mnt / "out"), "-w", "1", wrap=in_tmpfs(mnt, setup), timeout=300)
        if res.rc == 97:
            lines.append(Line(f"7b/{name}", "NOT EXERCISED", f"cannot mount a tmpfs: {tail(res.err)}"))
            continue
        left = res.out.split("==LEFT==", 1)[-1].split()
        msg = [ln for ln in res.err.splitlines() if ln.strip()]
        if res.rc == 0 and not left:
            lines.append(Line(f"7b/{name}", "NOT EXERCISED", "the run fitted: the disk was not full for this code"))
            continue
        ok = res.rc == 2 and "Traceback" not in res.err and not left
        lines.append(verdict(f"7b/{name}", ok, f"exit {res.rc}, traceback: {'Traceback' in res.err}, "
                             f"{len(msg)} stderr line(s), temporaries left: {left}; '{tail(res.err, 120)}'"))
    return lines


def f7_metadata(r: Repro) -> list[Line]:
    """7c/7d: impossible metadata dates and duplicate ids exit 2 naming the file and the line."""
    d = r.folder("f7c")
    src = docs(d / "in", a=TEXT, b=TEXT2)
    lines = []
    for fid, rows, where in (("7c/2024-13-45", "a,2024-13-45\n", "line 2"), ("7c/2021-02-30", "a,2021-02-30\n",
                             "line 2"), ("7c/0000", "a,0000\n", "line 2"), ("7c/fullwidth", "a,\uff12\uff10\uff12\uff13\n", "line 2"),
                             ("7d", "a,2023\nb,2023\na,2024\n", "line 4")):
        meta = d / f"meta_{fid.replace('/', '_')}.csv"
        meta.write_text("doc_id,pub_date\n" + rows, encoding="utf-8")
        res = r.run(str(src), "-o", str(d / "o"), "-w", "1", "--metadata", str(meta), timeout=300)
        ok = res.rc == 2 and meta.name in res.err and where in res.err and "Traceback" not in res.err
        lines.append(verdict(fid, ok, f"exit {res.rc}; '{tail(res.err, 140)}'"))
        shutil.rmtree(d / "o", ignore_errors=True)
    return lines


def f8_links_and_modes(r: Repro) -> list[Line]:
    """8a: a symlink leading outside the input folder is refused (errors row); 8b: files follow the umask."""
    d = r.folder("f8a")
    src = docs(d / "in", a=TEXT)
    secret = docs(d / "elsewhere", s="SECRET-OUTSIDE-THE-INPUT\n") / "s.txt"
    (src / "leak.txt").symlink_to(secret)
    out = d / "out"
    res = r.run(str(src), "-o", str(out), "-w", "1", timeout=300, umask=0o022)
    leaked = any("SECRET" in t for t in table(out, "documents").clean_text)
    kinds = dict(zip(*[table(out, "errors")[c] for c in ("doc_id", "kind")]))
    lines = [verdict("8a", not leaked and "leak" in kinds, f"exit {res.rc}; linked text in clean_text: {leaked}; "
                     f"errors {kinds}")]
    modes = sorted({oct(p.stat().st_mode & 0o777) for p in [out / "_manifest.json", *out.rglob("*.parquet")]})
    lines.append(verdict("8b", modes == ["0o644"], f"under umask 022 the manifest and parts have modes {modes}"))
    src2 = docs(d / "in2", a=TEXT)  # a link to a folder elsewhere, and one back to the folder itself
    (src2 / "linked").symlink_to(docs(d / "elsewhere2", s=TEXT2), target_is_directory=True)
    (src2 / "loop").symlink_to(src2, target_is_directory=True)
    res = r.run(str(src2), "-o", str(d / "out2"), "-w", "1", timeout=300)
    kinds = dict(zip(*[table(d / "out2", "errors")[c] for c in ("doc_id", "kind")]))
    ids = sorted(table(d / "out2", "documents").doc_id)
    lines.append(verdict("8a/dir", kinds == {"s": "link_outside"} and ids == ["a"], f"a linked folder outside and "
                         f"a link loop: exit {res.rc}; errors {kinds}; documents {ids}"))
    return lines


def f8_empty_outdir(r: Repro) -> list[Line]:
    """8c: `-o ''` exits 2 (run from a scratch cwd, so that the old code's write lands there, not in a checkout)."""
    d = r.folder("f8c")
    src = docs(d / "in", a=TEXT)
    cwd = d / "cwd"
    cwd.mkdir()
    res = r.run(str(src), "-o", "", "-w", "1", cwd=cwd, timeout=300)
    written = sorted(p.name for p in cwd.iterdir())
    return [verdict("8c", res.rc == 2 and not written, f"exit {res.rc}; written into cwd: {written}")]


def f8_text(r: Repro) -> list[Line]:
    """8d: whitespace-only files (ASCII, U+3000, other spaces with an invisible U+180E) are the same error; 8e: a ZWJ dropped has a removed row;
    8f: keycap digits never become an amount."""
    d = r.folder("f8d")
    zwj_text = "全年完成投资1\u200d2亿元，同比增长5%。\n"
    src = docs(d / "in", ascii=" \n\t \n", ideo="\u3000\u3000\n", mixed="\u205f\u180e\u3000\n", zwj=zwj_text,
               keycap="5️⃣0️⃣0️⃣亿元\n")
    out = d / "out"
    res = r.run(str(src), "-o", str(out), "-w", "1", timeout=300)
    errors = table(out, "errors")
    kinds = dict(zip(errors.doc_id, errors.kind))
    chars = dict(zip(*[table(out, "documents")[c] for c in ("doc_id", "n_chars_clean")]))
    lines = [verdict("8d", "ascii" in kinds and kinds.get("ideo") == kinds.get("mixed") == kinds["ascii"],
                     f"exit {res.rc}; errors rows {kinds}; documents rows (chars) {chars}")]
    removed = table(out, "removed")
    at = zwj_text.index("\u200d")
    rows = removed[(removed.doc_id == "zwj") & (removed.raw_start <= at) & (removed.raw_end > at)]
    kept = "\u200d" in "".join(table(out, "documents").query("doc_id == 'zwj'").clean_text)
    lines.append(verdict("8e", kept or len(rows) == 1, f"ZWJ at raw offset {at}: kept in clean_text: {kept}; "
                         f"removed rows covering it: {rows[['raw_start', 'raw_end', 'reason']].values.tolist()}"))
    amounts = table(out, "amounts").query("doc_id == 'keycap'")
    got = amounts[["text", "value"]].values.tolist()
    lines.append(verdict("8f", not got, f"amounts from '5️⃣0️⃣0️⃣亿元': {got}"))
    return lines


FINDINGS: dict[str, Callable[[Repro], list[Line]]] = {
    "1": f1_interrupted_rerun, "2": f2_dead_worker, "3a": f3_superlinear, "3b": f3_too_large,
    "4": f4_two_writers, "5": f5_part_names, "6": f6_workers, "7a": f7_config_types, "7b": f7_unwritable,
    "7c": f7_metadata, "8a": f8_links_and_modes, "8c": f8_empty_outdir, "8d": f8_text,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path)
    ap.add_argument("--only", nargs="*", default=list(FINDINGS), choices=list(FINDINGS))
    ap.add_argument("--scratch", type=Path, default=Path("/tmp/findings/scratch"))
    ap.add_argument("--append", type=Path, help="also append the lines to this file")
    a = ap.parse_args()
    commit = subprocess.run(["git", "-C", str(a.checkout), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    head = f"== {a.checkout} (commit {commit}), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, " \
           f"load {os.getloadavg()[0]:.1f}"
    report = [head]
    print(head, flush=True)
    r = Repro(a.checkout, a.scratch / a.checkout.name)
    for key in a.only:
        t0 = time.monotonic()
        try:
            lines = FINDINGS[key](r)
        except Exception as e:  # a reproduction that breaks is reported, and the others still run
            lines = [Line(key, "NOT EXERCISED", f"the reproduction raised {type(e).__name__}: {e}")]
        for ln in lines:
            text = f"{ln}  [{time.monotonic() - t0:.0f} s]"
            report.append(text)
            print(text, flush=True)
    if a.append:
        with a.append.open("a", encoding="utf-8") as f:
            f.write("\n".join(report) + "\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
