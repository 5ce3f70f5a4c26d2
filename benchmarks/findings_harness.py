"""The harness of benchmarks/findings_before_after.py: a checkout's CLI in bounded subprocesses, and what to read.

Runs start in their own session, so that a run past its limit is killed with all its workers (a hang).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

HANG_S = 60.0  # a run that shows no end in this long after the disturbance is a hang


@dataclass
class Line:
    """One verdict: finding id, PASS / FAIL / NOT EXERCISED, and what was seen."""

    fid: str
    status: str
    detail: str

    def __str__(self) -> str:
        return f"{self.fid:<14} {self.status:<13} {self.detail}"


@dataclass
class Run:
    """A finished (or killed) CLI run."""

    rc: int | None
    out: str
    err: str
    hung: bool
    seconds: float


class Repro:
    """The checkout under test and a scratch folder; runs its CLI in bounded subprocesses."""

    def __init__(self, checkout: Path, scratch: Path) -> None:
        self.checkout = checkout.resolve()
        self.scratch = scratch
        self.env = {**os.environ, "PYTHONPATH": str(self.checkout), "PYTHONUNBUFFERED": "1"}

    def cmd(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "pipeline", "extract", *args, "--no-progress"]

    def popen(self, *args: str, cwd: Path | None = None, wrap: list[str] | None = None,
              umask: int | None = None) -> subprocess.Popen:
        def pre() -> None:
            if umask is not None:
                os.umask(umask)
        return subprocess.Popen([*(wrap or []), *self.cmd(*args)], cwd=cwd or self.checkout, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, preexec_fn=pre)

    def run(self, *args: str, timeout: float = HANG_S, **kw) -> Run:
        t0 = time.monotonic()
        proc = self.popen(*args, **kw)
        return finish(proc, timeout, t0)

    def folder(self, name: str) -> Path:
        d = self.scratch / name
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        return d


def finish(proc: subprocess.Popen, timeout: float, t0: float | None = None) -> Run:
    """Wait for a run; past the limit kill its process group (workers too) and call it a hang."""
    t0 = time.monotonic() if t0 is None else t0
    try:
        out, err = proc.communicate(timeout=timeout)
        return Run(proc.returncode, out, err, False, time.monotonic() - t0)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        return Run(None, out, err, True, time.monotonic() - t0)


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def docs(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder


def table(out: Path, name: str):
    """A table as the SPEC says to read it: the Parquet dataset folder OUTDIR/<table>/."""
    return pq.read_table(out / name).to_pandas()


def snapshot(out: Path) -> list[tuple[str, str]]:
    """Every table's rows as sorted strings (part order and file names do not matter)."""
    tables = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    return [(n, repr(sorted(map(repr, table(out, n).astype(str).itertuples(index=False))))) for n in tables]


def tail(text: str, n: int = 160) -> str:
    """The run's summary ('N documents: ... failed'), else the last line of its stderr, cut to n characters."""
    summary = re.search(r"\d+ documents?: [^;]*", text)
    if summary:
        return summary.group(0)
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return (lines[-1] if lines else "")[-n:]


def verdict(fid: str, ok: bool, detail: str) -> Line:
    return Line(fid, "PASS" if ok else "FAIL", detail)


def children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def proc_field(pid: int, what: str) -> str:
    try:
        if what == "cmdline":
            return Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return ""


def workers_of(pid: int) -> list[int]:
    """Worker processes of a run: spawned multiprocessing children (not the resource tracker)."""
    return [c for c in children(pid) if "spawn_main" in proc_field(c, "cmdline")]


def cpu_ticks(pid: int) -> int:
    stat = proc_field(pid, "stat")
    if not stat:
        return -1
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def files_state(out: Path) -> dict[str, tuple[int, int]]:
    """Names, sizes and mtimes of the tables' parts and the manifest: the files readers see. Hidden files (the
    lock, a temporary not yet renamed) do not count, so a kill on the first change lands after a real write."""
    state = {}
    for p in out.rglob("*") if out.exists() else []:
        if p.is_file() and not p.name.startswith("."):
            try:
                st = p.stat()
            except OSError:
                continue
            state[str(p.relative_to(out))] = (st.st_size, st.st_mtime_ns)
    return state
