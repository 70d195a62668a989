"""Throughput benchmark of bulk intake (issue 5). Not a test.

    python -m bench.throughput                    # sizes 100, 1000, 5000
    python -m bench.throughput --sizes 100,1000   # a quicker run
    python -m bench.throughput --repeat 1         # each measurement once

In one run over the same generated corpus (digital documents, plus scans for the
10 %-scanned mix) it measures, per corpus and size:

* cecintake: ``cecintake ingest DIR`` end to end in a subprocess (fresh data
  directory and SQLite database; Prefect's home shared and warmed up first), its
  wall time, the flow's own processing time, documents per second, and the peak
  memory of the whole process tree (CLI, worker processes, Prefect's temporary
  server) sampled with psutil;
* the bare engines on the same documents: pdfplumber alone (words of every page of
  every document) and Tesseract alone (``tesseract page --psm 3 tsv``, one thread,
  on the page images rendered beforehand at the resolution cecintake reads at,
  200 dpi, PNG files), both run one after another and divided by the number of cores;
  and, stricter, the same with Tesseract reading the pages from uncompressed TIFFs, the
  form cecintake hands it (column "(TIFF)");
* the same engines' work spread over every core at once (a process per core, TIFF page
  images first), wall seconds ("all cores s", "flow/all"): the work under the flow's own
  conditions (every core busy, caches and memory shared, a sustained all-core clock),
  which the issue's baseline (one core at a time) does not have;
* OCRmyPDF (``ocrmypdf --skip-text``, one file per core at a time) on the scans, the
  tool a user would otherwise reach for;
* Prefect's orchestration cost per task.

Every measurement is taken ``--repeat`` times (3; corpora over ``--repeat-up-to`` once),
cecintake and the bare engines in turn, and the best of each is reported, as ``timeit``
does: on a shared machine a slow spell only ever adds time, to either side at random (the
same 100 digital documents took the workers 2.05 to 2.59 CPU seconds from one run to the
next). Each round's own ratio is shown beside, and peak memory is the most any round took.

Targets: cecintake within 1.15x of the bare engines; 1,000 -> 5,000 linear; peak
memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

CORES = os.cpu_count() or 1
CLI = str(Path(sys.executable).with_name("cecintake"))


@dataclass
class Row:
    corpus: str
    size: int
    scans: int
    wall_s: float = 0.0
    flow_s: float = 0.0
    docs_per_s: float = 0.0
    peak_mb: float = 0.0
    peak_prefect_server_mb: float = 0.0
    bare_pdfplumber_s: float = 0.0
    bare_tesseract_s: float = 0.0
    bare_tesseract_tiff_s: float = 0.0  # the same pages from uncompressed TIFFs, as cecintake hands them over
    bare_per_core_s: float = 0.0
    bare_pixels_s: float = 0.0  # decoding and rendering the scans to the page images Tesseract alone is handed
    ratio_flow_vs_bare_with_pixels: float = 0.0
    ratio_flow_vs_bare: float = 0.0
    ratio_flow_vs_bare_tiff: float = 0.0
    bare_all_cores_s: float = 0.0  # the engines on every core at once, TIFF page images (bare_on_all_cores)
    ratio_flow_vs_all_cores: float = 0.0
    ratio_wall_vs_bare: float = 0.0
    ocrmypdf_s: float | None = None
    cpu_s: dict = field(default_factory=dict)  # CPU seconds by process role (main, worker, server, ...)
    statuses: dict = field(default_factory=dict)
    runs: list = field(default_factory=list)  # each round's measurements (the figures above are the best of them)
    round_ratios: list = field(default_factory=list)  # each round's flow against that round's bare engines


# --- corpus ---------------------------------------------------------------------------------

def build_pools(root: Path, n_digital: int, n_scan: int, seed: int) -> tuple[list[Path], list[Path], Path]:
    """The generated documents (digital, scans) and the roster of their certificants, so that a
    run decides credits as a coordinator's would (without it every document is unmatched)."""
    from fixtures.generate import generate, write_roster

    everyone = []

    def pool(name: str, count: int, renders: tuple[str, ...], s: int) -> list[Path]:
        if count <= 0:
            return []
        out = root / name
        samples = generate(out, count=count, seed=s, renders=renders)
        everyone.extend(samples)
        for smp in samples:
            Path(smp.truth_path).unlink(missing_ok=True)
        return [Path(smp.path) for smp in samples]

    listing = root / "pool.json"
    wanted = {"n_digital": n_digital, "n_scan": n_scan, "seed": seed}
    if listing.exists():  # the same arguments give the same bytes: a kept --work folder is reused
        kept = json.loads(listing.read_text())
        files = [Path(f) for f in kept["digital"] + kept["scans"]] + [Path(kept["roster"])]
        if {k: kept.get(k) for k in wanted} == wanted and all(f.exists() for f in files):
            print(f"reusing the {n_digital} digital and {n_scan} scanned documents in {root}", file=sys.stderr)
            return [Path(f) for f in kept["digital"]], [Path(f) for f in kept["scans"]], Path(kept["roster"])
    t = time.monotonic()
    digital = pool("digital", n_digital, ("digital",), seed)
    scans = pool("scan", n_scan, ("scan",), seed + 1)
    roster = write_roster(root / "ROSTER.csv", everyone)
    listing.write_text(json.dumps({**wanted, "digital": [str(f) for f in digital], "scans": [str(f) for f in scans],
                                   "roster": str(roster)}))
    print(f"generated {len(digital)} digital and {len(scans)} scanned documents in {time.monotonic() - t:.0f} s",
          file=sys.stderr)
    return digital, scans, roster


def link_corpus(dest: Path, files: list[Path]) -> Path:
    """Hard links under ``dest/<certificant folder>/``: the folder names the certificant, as in an
    upload tree."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for i, f in enumerate(files):
        target = dest / f.parent.name / f"{i:05d}-{f.name}"
        target.parent.mkdir(exist_ok=True)
        try:
            os.link(f, target)
        except OSError:
            shutil.copy2(f, target)
    return dest


# --- cecintake ------------------------------------------------------------------------------

class TreeSampler(threading.Thread):
    """Peak resident memory of a process and all its descendants, and the CPU time each kind of
    process used (main, worker, Prefect server, other), sampled."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.peak_server = 0
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (role, CPU seconds so far)
        self.stop = threading.Event()

    def role(self, p, cmd: str) -> str:  # noqa: ANN001
        if p.pid == self.pid:
            return "main"
        if "uvicorn" in cmd or ("prefect" in cmd and "server" in cmd):
            return "server"
        if "forkserver" in cmd:  # the forkserver is the main process's child; workers are its children
            return "forkserver" if p.ppid() == self.pid else "worker"
        return "other"

    def cpu_by_role(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for role, seconds in self.cpu.values():
            out[role] = out.get(role, 0.0) + seconds
        return out

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            total = server = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    cmd = " ".join(p.cmdline()[:6])
                    total += rss
                    if "uvicorn" in cmd:
                        server += rss
                    if "tesseract" in cmd:
                        continue  # counted in its worker's children's time once it has been waited for
                    t = p.cpu_times()
                    known = self.cpu.get(p.pid)
                    role = known[0] if known else self.role(p, cmd)
                    used = t.user + t.system + (t.children_user + t.children_system if role == "worker" else 0.0)
                    self.cpu[p.pid] = (role, used)
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self.peak_server = max(self.peak_server, server)
            self.stop.wait(self.interval)


def run_cecintake(corpus: Path, work: Path, prefect_home: Path, *, roster: Path | None) -> dict:
    """One ``cecintake ingest`` of ``corpus`` on a fresh data directory under ``work`` (one left by
    an earlier round would know every file and have nothing to do)."""
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "CECINTAKE_HOME": str(home), "PREFECT_HOME": str(prefect_home),
           "CECINTAKE_DB_URL": f"sqlite:///{home / 'cecintake.db'}", "OMP_THREAD_LIMIT": "1"}
    env.pop("PREFECT_API_URL", None)
    if roster:
        subprocess.run([CLI, "certificants", "import", str(roster)], env=env, check=True, capture_output=True)
    t = time.monotonic()
    proc = subprocess.Popen([CLI, "ingest", str(corpus), "--no-progress"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.monotonic() - t
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"cecintake ingest failed ({proc.returncode}):\n{out}\n{err}")
    flow_s = wall
    for line in out.splitlines():
        if " processed in " in line:
            flow_s = float(line.split(" processed in ")[1].split(" s")[0])
    import sqlite3

    with sqlite3.connect(home / "cecintake.db") as db:
        statuses = dict(db.execute("select status, count(*) from document group by status").fetchall())
    flow_s = recorded_flow_seconds(home / "cecintake.db") or flow_s
    return {"wall": wall, "flow": flow_s, "peak": sampler.peak, "peak_server": sampler.peak_server,
            "cpu": sampler.cpu_by_role(), "statuses": statuses, "stderr_traceback": "Traceback" in err}


def recorded_flow_seconds(db_path: Path) -> float | None:
    """The flow's own time as the one run in the database recorded it, to the millisecond (the
    summary line rounds to 0.1 s: a tenth of a 100-document digital run); None: not one run."""
    import sqlite3

    with sqlite3.connect(db_path) as db:
        recorded = [json.loads(c).get("seconds") if isinstance(c, str) else None
                    for (c,) in db.execute("select counts from ingest_run")]
    if len(recorded) == 1 and isinstance(recorded[0], (int, float)) and recorded[0] > 0:
        return float(recorded[0])
    return None


# --- bare engines ---------------------------------------------------------------------------

def _plumber_words(path: str | Path) -> None:
    """pdfplumber alone on one PDF: the words of every page."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
    except Exception:  # noqa: BLE001 - a benchmark: a file the engine cannot read costs what it costs
        pass


def _tesseract_tsv(image: str | Path) -> None:
    """Tesseract alone on one page image, single-threaded, at cecintake's resolution."""
    subprocess.run(["tesseract", str(image), "stdout", "--psm", "3", "--dpi", str(bare_dpi()), "tsv"],
                   env={**os.environ, "OMP_THREAD_LIMIT": "1"}, capture_output=True, check=False)


def bare_pdfplumber(files: list[Path]) -> float:
    t = time.monotonic()
    for f in files:
        if f.suffix.lower() == ".pdf":
            _plumber_words(f)
    return time.monotonic() - t


def bare_dpi() -> int:
    """Tesseract alone reads at the resolution cecintake reads at (``ReadLimits.ocr_dpi``), so both
    do the same OCR work; 300 dpi would give the bare engine more pixels and flatter the ratio."""
    from cecintake.extractors.api import ReadLimits

    return ReadLimits().ocr_dpi


def page_images(scans: list[Path], out: Path, fmt: str = "PNG") -> list[Path]:
    """The scans' pages as grayscale images at ``bare_dpi()`` (untimed preparation for Tesseract alone):
    PNGs, as a user rendering pages for Tesseract would write them (``pdftoppm -png``), or with
    ``fmt="TIFF"`` uncompressed TIFFs, the form cecintake hands Tesseract (Leptonica reads them
    faster than a PNG, which it must inflate): the strictest baseline."""
    out.mkdir(parents=True, exist_ok=True)
    images = []
    for i, f in enumerate(scans):
        for j, page in enumerate(page_pixels(f)):
            p = out / f"{i:05d}-{j}.{'tif' if fmt == 'TIFF' else 'png'}"
            page.save(p, format=fmt, **({"compression": "raw"} if fmt == "TIFF" else {}))
            images.append(p)
    return images


def page_pixels(f: Path) -> list:
    """One scan's pages as grayscale images at ``bare_dpi()``: a PDF's pages rendered by pdfium,
    an image's frames decoded, made gray and scaled from the resolution they declare."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageSequence

    dpi = bare_dpi()
    if f.suffix.lower() == ".pdf":
        doc = pdfium.PdfDocument(str(f))
        try:
            return [doc[j].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for j in range(len(doc))]
        finally:
            doc.close()
    with Image.open(f) as im:
        native = float((im.info.get("dpi") or (dpi, dpi))[0]) or dpi
        pages = [frame.convert("L").copy() for frame in ImageSequence.Iterator(im)]
    if abs(native - dpi) > 1:
        pages = [p.resize((round(p.width * dpi / native), round(p.height * dpi / native))) for p in pages]
    return pages


def bare_pixels(scans: list[Path]) -> float:
    """Seconds to turn the scans into the page images Tesseract alone is handed (decoding each
    upload, rendering a PDF's pages, gray, 200 dpi; nothing written), one after another: work
    the bare baseline gets for free and cecintake does on every scan (column "(+pixels)")."""
    t = time.monotonic()
    for f in scans:
        page_pixels(f)
    return time.monotonic() - t


def bare_tesseract(images: list[Path]) -> float:
    t = time.monotonic()
    for img in images:
        _tesseract_tsv(img)
    return time.monotonic() - t


def _bare_job(job: tuple[str, str]) -> None:
    kind, path = job
    (_tesseract_tsv if kind == "tesseract" else _plumber_words)(path)


def bare_on_all_cores(files: list[Path], images: list[Path]) -> float:
    """The same engines' work (pdfplumber on the PDFs, Tesseract on the page images) spread over
    every core at once, page images first: wall seconds. Not the issue's baseline (one after
    another, divided by the cores) but the same work under the same conditions as the flow's
    (every core busy, memory shared), for telling our overhead from the machine's."""
    from concurrent.futures import ProcessPoolExecutor

    jobs = [("tesseract", str(i)) for i in images] + [("pdf", str(f)) for f in files if f.suffix.lower() == ".pdf"]
    t = time.monotonic()
    with ProcessPoolExecutor(max_workers=CORES) as ex:
        list(ex.map(_bare_job, jobs, chunksize=1 if images else 16))
    return time.monotonic() - t


def run_ocrmypdf(scans: list[Path], work: Path) -> float | None:
    if not shutil.which("ocrmypdf") or not scans:
        return None
    from PIL import Image, ImageSequence

    src = work / "ocrmypdf-in"
    dst = work / "ocrmypdf-out"
    src.mkdir(parents=True, exist_ok=True)
    dst.mkdir(parents=True, exist_ok=True)
    inputs = []
    for i, f in enumerate(scans):  # images become image-only PDFs first (untimed), as a user would
        target = src / f"{i:05d}.pdf"
        if f.suffix.lower() == ".pdf":
            shutil.copy2(f, target)
        else:
            with Image.open(f) as im:
                frames = [fr.convert("L").copy() for fr in ImageSequence.Iterator(im)]
            frames[0].save(target, "PDF", save_all=True, append_images=frames[1:], resolution=300.0)
        inputs.append(target)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(p: Path) -> None:
        subprocess.run(["ocrmypdf", "--skip-text", "-j", "1", "--optimize", "0", "--output-type", "pdf",
                        "--quiet", str(p), str(dst / p.name)], env=env, capture_output=True, check=False)

    t = time.monotonic()
    with ThreadPoolExecutor(max_workers=CORES) as ex:
        list(ex.map(one, inputs))
    return time.monotonic() - t


# --- Prefect's per-task cost ----------------------------------------------------------------

_OVERHEAD_SCRIPT = r"""
import os, sys, time, json
from prefect import flow, task

@task
def noop(i):
    return i

@flow
def f(n):
    t = time.monotonic()
    for i in range(n):
        noop(i)
    direct = (time.monotonic() - t) / n
    t = time.monotonic()
    futs = [noop.submit(i) for i in range(n)]
    [x.result() for x in futs]
    return direct, (time.monotonic() - t) / n

t = time.monotonic()
direct, submitted = f(int(sys.argv[1]))
print(json.dumps({"direct_ms": direct * 1000, "submitted_ms": submitted * 1000}))
"""


def prefect_task_overhead(prefect_home: Path, n: int = 200) -> dict:
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "PREFECT_LOGGING_LEVEL": "CRITICAL",
           "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}
    env.pop("PREFECT_API_URL", None)
    r = subprocess.run([sys.executable, "-c", _OVERHEAD_SCRIPT, str(n)], env=env, capture_output=True, text=True,
                       timeout=600)
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": r.stderr[-500:]}


# --- the run --------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000", help="comma-separated corpus sizes")
    ap.add_argument("--scan-share", type=float, default=0.10, help="share of scans in the mixed corpus")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed after)")
    ap.add_argument("--no-ocrmypdf", action="store_true")
    ap.add_argument("--no-roster", action="store_true",
                    help="do not import the certificants first (every document is then unmatched and sent to review)")
    ap.add_argument("--ocrmypdf-up-to", type=int, default=1000, metavar="N",
                    help="run OCRmyPDF only for corpora of at most N documents (it takes ~10 s a scan)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--no-all-cores", action="store_true",
                    help="skip timing the bare engines spread over every core at once")
    ap.add_argument("--repeat", type=int, default=3, metavar="N",
                    help="rounds of every measurement (cecintake and the bare engines, in turn); the best of "
                         "each is reported, as timeit does (default 3)")
    ap.add_argument("--repeat-up-to", type=int, default=1000, metavar="N",
                    help="repeat only for corpora of at most N documents (larger runs are long enough to "
                         "average the machine's spells out; default 1000)")
    args = ap.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    work = args.work or Path(tempfile.mkdtemp(prefix="cecintake-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(work, sizes, args)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(work: Path, sizes: list[int], args: argparse.Namespace) -> int:
    n_max = max(sizes)
    n_scan = max(1, round(n_max * args.scan_share))
    digital, scans, roster = build_pools(work / "pool", n_max, n_scan, args.seed)
    prefect_home = work / "prefect-home"
    overhead = prefect_task_overhead(prefect_home)  # also migrates Prefect's database once
    print(f"Prefect per-task cost: {overhead}", file=sys.stderr)
    rows: list[Row] = []
    for size in sizes:
        k = max(1, round(size * args.scan_share))
        mixes = {"digital": digital[:size], f"{round(args.scan_share * 100)}% scanned": digital[:size - k] + scans[:k]}
        for name, files in mixes.items():
            tag = f"{name.split('%')[0]}-{size}"
            corpus = link_corpus(work / "corpora" / tag, files)
            row = Row(corpus=name, size=size, scans=sum(1 for f in files if f in set(scans)))
            scan_files = [f for f in files if f in set(scans)]
            images = page_images(scan_files, work / "images" / tag) if scan_files else []
            tiffs = page_images(scan_files, work / "images" / f"{tag}-tiff", fmt="TIFF") if scan_files else []
            repeat = args.repeat if size <= args.repeat_up_to else 1
            for _ in range(repeat):  # each measurement in turn, so that a slow spell of the machine touches all alike
                _measure(row, corpus, files, scan_files, images, tiffs, work, tag, prefect_home, args,
                         roster=None if args.no_roster else roster)
            _ratios(row)
            if scan_files and not args.no_ocrmypdf and size <= args.ocrmypdf_up_to:
                row.ocrmypdf_s = run_ocrmypdf(scan_files, work / "runs" / tag)
            rows.append(row)
            print(_line(row), file=sys.stderr)
            shutil.rmtree(work / "runs" / tag, ignore_errors=True)
            shutil.rmtree(work / "images" / tag, ignore_errors=True)
            shutil.rmtree(work / "images" / f"{tag}-tiff", ignore_errors=True)
    _table(rows, overhead)
    if args.json:
        args.json.write_text(json.dumps({"cores": CORES, "prefect_task_overhead": overhead,
                                         "rows": [asdict(r) for r in rows]}, indent=2) + "\n")
    return 0


def _measure(row: Row, corpus: Path, files: list[Path], scan_files: list[Path], images: list[Path], tiffs: list[Path],
             work: Path, tag: str, prefect_home: Path, args: argparse.Namespace, *, roster: Path | None) -> None:
    """One round: cecintake, then the bare engines, each kept in ``row.runs``; the row's figures
    are the best of the rounds (``_ratios``), as timeit reports the fastest: the machine only
    ever adds time (another tenant, a slower clock), and it does so to both sides at random."""
    r = run_cecintake(corpus, work / "runs" / tag, prefect_home, roster=roster)
    one = {"flow_s": r["flow"], "wall_s": r["wall"], "bare_pdfplumber_s": bare_pdfplumber(files),
           "bare_tesseract_s": bare_tesseract(images) if images else 0.0,
           "bare_tesseract_tiff_s": bare_tesseract(tiffs) if tiffs else 0.0,
           "bare_pixels_s": bare_pixels(scan_files) if scan_files else 0.0}
    if not args.no_all_cores:
        one["bare_all_cores_s"] = bare_on_all_cores(files, tiffs)
    row.runs.append(one)
    print(f"  {row.corpus} {row.size} round {len(row.runs)}: "
          + ", ".join(f"{k} {v:.3f}" for k, v in one.items()), file=sys.stderr)
    if r["flow"] <= min(x["flow_s"] for x in row.runs):  # the fastest run's CPU and outcome
        row.statuses = r["statuses"]
        row.cpu_s = {k: round(v, 1) for k, v in r["cpu"].items()}
    row.peak_mb = max(row.peak_mb, r["peak"] / 2**20)  # memory: the most any round took
    row.peak_prefect_server_mb = max(row.peak_prefect_server_mb, r["peak_server"] / 2**20)


def _ratios(row: Row) -> None:
    """The row's figures: the best of its rounds for each measurement, and their ratios."""
    best = {k: min(x[k] for x in row.runs) for k in row.runs[0]}
    row.flow_s, row.wall_s = best["flow_s"], best["wall_s"]
    row.bare_pdfplumber_s, row.bare_tesseract_s = best["bare_pdfplumber_s"], best["bare_tesseract_s"]
    row.bare_tesseract_tiff_s = best["bare_tesseract_tiff_s"]
    row.docs_per_s = row.size / row.flow_s if row.flow_s else 0.0
    row.bare_per_core_s = _per_core(row.bare_pdfplumber_s, row.bare_tesseract_s)
    row.ratio_flow_vs_bare = _ratio(row.flow_s, row.bare_per_core_s)
    row.bare_pixels_s = best.get("bare_pixels_s", 0.0)
    row.ratio_flow_vs_bare_with_pixels = _ratio(row.flow_s, _per_core(row.bare_pdfplumber_s, row.bare_tesseract_s,
                                                                      row.bare_pixels_s))
    row.ratio_flow_vs_bare_tiff = _ratio(row.flow_s, _per_core(row.bare_pdfplumber_s, row.bare_tesseract_tiff_s))
    if "bare_all_cores_s" in best:
        row.bare_all_cores_s = best["bare_all_cores_s"]
        row.ratio_flow_vs_all_cores = _ratio(row.flow_s, row.bare_all_cores_s)
    row.ratio_wall_vs_bare = _ratio(row.wall_s, row.bare_per_core_s)
    # each round's own ratio (its flow against its own bare engines): the spread
    row.round_ratios = [round(_ratio(x["flow_s"], _per_core(x["bare_pdfplumber_s"], x["bare_tesseract_s"])), 3)
                        for x in row.runs]


def _per_core(*seconds: float) -> float:
    """Work done one thing after another, divided over the cores."""
    return sum(seconds) / CORES


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _line(r: Row) -> str:
    return (f"{r.corpus} {r.size}: flow {r.flow_s:.1f} s, wall {r.wall_s:.1f} s, {r.docs_per_s:.1f} doc/s, "
            f"bare {r.bare_per_core_s:.1f} s, x{r.ratio_flow_vs_bare:.2f} (TIFF pages x{r.ratio_flow_vs_bare_tiff:.2f}), "
            f"peak {r.peak_mb:.0f} MB")


def _growth(corpus: str, a: Row, b: Row) -> str:
    """How the flow's time grew from corpus ``a`` to the larger ``b``, beside how the bare engines'
    grew on the same documents: the larger corpus is not ``a`` repeated (the pool's later documents
    are another mix, heavier or lighter), so linear means growing as the engines' own work does."""
    flow, bare = b.flow_s / a.flow_s, b.bare_per_core_s / a.bare_per_core_s
    return (f"{corpus}: {a.size:,} -> {b.size:,} documents: the flow took {flow:.2f}x the time, the bare engines "
            f"{bare:.2f}x on the same documents ({b.size / a.size:.2f}x as many): the flow grew {flow / bare:.2f}x "
            f"as fast as the engines' work (1.00: linear)")


def _spread(ratios: list[float]) -> str:
    """Each round's own flow/bare, lowest to highest ("-" for one round)."""
    return f"{min(ratios):.2f}-{max(ratios):.2f}" if len(ratios) > 1 else "-"


def _table(rows: list[Row], overhead: dict) -> None:
    head = ["corpus", "docs", "scans", "flow s", "wall s", "doc/s", "bare/core s", "flow/bare", "(rounds)", "(TIFF)",
            "(+pixels)",
            "all cores s", "flow/all", "wall/bare", "ocrmypdf s", "peak MB", "(server MB)"]
    lines = [head]
    for r in rows:
        lines.append([r.corpus, str(r.size), str(r.scans), f"{r.flow_s:.1f}", f"{r.wall_s:.1f}",
                      f"{r.docs_per_s:.1f}", f"{r.bare_per_core_s:.1f}", f"{r.ratio_flow_vs_bare:.2f}",
                      _spread(r.round_ratios),
                      f"{r.ratio_flow_vs_bare_tiff:.2f}" if r.scans else "-",
                      f"{r.ratio_flow_vs_bare_with_pixels:.2f}" if r.scans else "-",
                      f"{r.bare_all_cores_s:.1f}" if r.bare_all_cores_s else "-",
                      f"{r.ratio_flow_vs_all_cores:.2f}" if r.bare_all_cores_s else "-",
                      f"{r.ratio_wall_vs_bare:.2f}", "-" if r.ocrmypdf_s is None else f"{r.ocrmypdf_s:.1f}",
                      f"{r.peak_mb:.0f}", f"{r.peak_prefect_server_mb:.0f}"])
    widths = [max(len(x[i]) for x in lines) for i in range(len(head))]
    for i, line in enumerate(lines):
        print("  ".join(c.rjust(w) if j else c.ljust(w) for j, (c, w) in enumerate(zip(line, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    by = {(r.corpus, r.size): r for r in rows}
    for corpus in dict.fromkeys(r.corpus for r in rows):
        if (corpus, 1000) in by and (corpus, 5000) in by:
            a, b = by[(corpus, 1000)], by[(corpus, 5000)]
            print(_growth(corpus, a, b))
    print()
    print("CPU seconds by process (workers: reading with their Tesseract runs, extracting, deciding and "
          "storing; main: the CLI, registration and orchestration; server: Prefect's temporary server; "
          "sampled every 0.2 s, so a little low)")
    for r in rows:
        bare = r.bare_pdfplumber_s + r.bare_tesseract_s
        c = r.cpu_s
        print(f"  {r.corpus:12s} {r.size:5d}: workers {c.get('worker', 0):7.1f} ({c.get('worker', 0) / bare:.2f}x the "
              f"bare engines' {bare:.1f})  main {c.get('main', 0):6.1f}  server {c.get('server', 0):5.1f}  "
              f"forkserver {c.get('forkserver', 0):4.1f}  other {c.get('other', 0):4.1f}" if bare else "")
    print(f"cores: {CORES}; Prefect per task: {overhead.get('direct_ms', float('nan')):.1f} ms called, "
          f"{overhead.get('submitted_ms', float('nan')):.1f} ms submitted")
    print("(+pixels): the flow against the bare engines plus turning the scans into their page images "
          "(decoding each upload or rendering its PDF pages, gray, 200 dpi), which the bare baseline is handed "
          "ready and cecintake does itself.")
    print("Each figure is the best of the rounds (--repeat), cecintake and the bare engines measured in turn; "
          "(rounds): each round's flow against that round's own bare engines, lowest to highest; peak MB: the "
          "most any round took.")
    print("flow s: the flow's own time (register + analyse + store); wall s: the whole command, including "
          "starting and stopping Prefect's temporary server; bare/core: pdfplumber + Tesseract alone, "
          "one after another, divided by the cores (Tesseract on PNG page images); (TIFF): the same with "
          "Tesseract on uncompressed TIFF page images, which it reads faster, as cecintake gives them to it; "
          "all cores s: the same engines' work (TIFF pages) spread over every core at once, wall seconds, "
          "and flow/all the flow's time against it (the same conditions: every core busy); "
          "peak MB: the whole process tree.")


if __name__ == "__main__":
    sys.exit(main())
