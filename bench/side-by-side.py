#!/usr/bin/env python3
"""Every budget of issue 17, Stockroom and PouchDB side by side, in one command.

    mvn -B -o package        # or verify: needs target/stockroom.jar and target/test-classes
    python3 bench/side-by-side.py [--rounds 3] [--items 100000] [--push-items 10000]

Each round runs every measure of both systems once, one after the other (never two at once: the
machine has two cores), so load drifts hit both alike; figures are medians over the rounds. It
prints a table and appends it, with the date, the machine and the load, to
docs/benchmarks/side-by-side.md. Measures (PouchDB: ../shared/peer-bench/pouchdb/bench.js):

- first sync of ITEMS items, whole process (Stockroom's `sync` command with -Xmx256m against a
  server seeded with ITEMS; PouchDB's initial pull with batch 500), and the settled size on disk
  (Stockroom: after io.stockroom.bench.SettleProfile has opened and closed the profile, as the
  app does after the first sync);
- push of 1,000 new items after a first sync of PUSH_ITEMS, three times in a row (Stockroom:
  io.stockroom.sync.PeerMeasures, the push phase and the whole cycle; PouchDB: replicate.to);
- a write at the server seen by a live laptop (both: from the start of the writing request, to
  where the client's listeners hear of it: PouchDB's changes feed, Stockroom's arrival listener;
  Stockroom's first change of a round, on cold code, is counted and also reported apart, as
  live_cold);
- name-word search in 100,000 items (io.stockroom.bench.LocalBench; Stockroom only);
- cold start to the first painted table with 100,000 items (java -jar --smoke-test with -Xmx256m)
  against the floor, a bare JavaFX window on the same runtime (io.stockroom.bench.BareWindow),
  both under Xvfb, timed from exec to the printed line;
- peak RSS (GNU time) beside each Stockroom figure.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "stockroom.jar")
TEST_CLASSES = os.path.join(ROOT, "target", "test-classes")
CP = JAR + os.pathsep + TEST_CLASSES
POUCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "peer-bench", "pouchdb"))
REPORT = os.path.join(ROOT, "docs", "benchmarks", "side-by-side.md")
XMX = "-Xmx256m"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def timed(cmd, stdin=None, env=None, cwd=None, timeout=1800):
    """Runs cmd under GNU time; returns (seconds, rc, stdout, peak RSS in MB)."""
    fd, rss_file = tempfile.mkstemp(prefix="rss")
    os.close(fd)
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-o", rss_file, "-f", "%M"] + cmd, input=stdin,
                       capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
    sec = time.monotonic() - t0
    try:
        with open(rss_file) as f:
            rss = int(f.read().strip().splitlines()[-1]) / 1024
        os.unlink(rss_file)
    except (OSError, ValueError, IndexError):
        rss = None
    if p.returncode != 0:
        log("FAILED", " ".join(cmd[:6]), "rc", p.returncode, p.stderr[-2000:])
    return sec, p.returncode, p.stdout, rss


def du_kb(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total / 1024


class Server:
    """`stockroom server --demo --demo-items N` on a free port, stopped by SIGTERM."""

    def __init__(self, work, items):
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.log = open(os.path.join(work, "server-%d.log" % self.port), "w")
        self.p = subprocess.Popen(
            ["java", "-jar", JAR, "server", "--port", str(self.port), "--data",
             os.path.join(work, "server-%d" % self.port), "--demo", "--demo-items", str(items)],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 900
        while True:
            with open(self.log.name) as f:
                if "listening on" in f.read():
                    break
            if self.p.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start: see " + self.log.name)
            time.sleep(0.5)

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(60)
        except subprocess.TimeoutExpired:
            self.p.kill()
        self.log.close()


def pouch(n, skip, extra=(), reps=1):
    """One run of the PouchDB harness; returns its results JSON."""
    out = os.path.join(POUCH, "results", "n%d.json" % n)
    before = os.path.getmtime(out) if os.path.exists(out) else 0
    cmd = ["node", "bench.js", "--n", str(n), "--reps", str(reps), "--skip", skip] + list(extra)
    p = subprocess.run(cmd, cwd=POUCH, capture_output=True, text=True, timeout=1800)
    if p.returncode != 0 or not os.path.exists(out) or os.path.getmtime(out) == before:
        raise SystemExit("PouchDB harness failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    with open(out) as f:
        res = json.load(f)
    if res.get("errors"):
        log("PouchDB reported errors:", res["errors"][:3])
    return res


def first_paint(cmd, env):
    """Runs a smoke-mode command; returns (ms from exec to the printed line, JVM uptime ms)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    wall = uptime = None
    for line in p.stdout:
        m = re.match(r"first paint after (\d+) ms", line)
        if m:
            wall = (time.monotonic() - t0) * 1000
            uptime = int(m.group(1))
    p.wait(300)
    if wall is None:
        log("no first paint from", " ".join(cmd[:5]))
    return wall, uptime


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def p95(xs):
    xs = sorted(x for x in xs if x is not None)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] if xs else None


def span(xs, fmt):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "-"
    return (fmt + " (" + fmt + "-" + fmt + ")") % (statistics.median(xs), min(xs), max(xs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--items", type=int, default=100000, help="first sync and cold start")
    ap.add_argument("--push-items", type=int, default=10000, help="server size for push/live")
    ap.add_argument("--no-report", action="store_true", help="print only; do not append")
    ap.add_argument("--only", default="first,push,search,cold",
                    help="a comma-separated subset of first,push,search,cold (push includes live);"
                         " a partial run is printed, never appended to the report")
    args = ap.parse_args()
    only = set(args.only.split(","))
    unknown = only - {"first", "push", "search", "cold"}
    if unknown:
        raise SystemExit("--only: unknown measure(s) " + ",".join(sorted(unknown)))
    if only != {"first", "push", "search", "cold"}:
        args.no_report = True

    for f in (JAR, TEST_CLASSES):
        if not os.path.exists(f):
            raise SystemExit("missing %s: run 'mvn -B package' (or verify) first" % f)
    if not os.path.isdir(os.path.join(POUCH, "node_modules")):
        log("npm ci in", POUCH)
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=POUCH,
                       check=True)
    if not shutil.which("xvfb-run"):
        raise SystemExit("xvfb-run and GTK are needed for the cold start (apt-get install xvfb xauth libgtk-3-0)")

    work = tempfile.mkdtemp(prefix="side-by-side-")
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = load()
    log("work dir", work, "load", load_before)

    big = xvfb = None
    cold_profile = os.path.join(work, "cold")
    if "first" in only:
        log("seeding a server with %d items" % args.items)
        big = Server(work, args.items)
    if "cold" in only:
        log("seeding a profile with %d items" % args.items)
        subprocess.run(["java", "-cp", CP, "io.stockroom.bench.SeedProfile", cold_profile,
                        str(args.items)], check=True, capture_output=True)
        # One X server for every window; both windows get the same one.
        display = next(n for n in range(97, 200) if not os.path.exists("/tmp/.X11-unix/X%d" % n))
        xvfb = subprocess.Popen(["Xvfb", ":%d" % display, "-screen", "0", "1600x1000x24", "-nolisten",
                                 "tcp"], stderr=subprocess.DEVNULL)
        xenv = dict(os.environ, DISPLAY=":%d" % display)

    r = {k: [] for k in ["fs_s", "fs_p", "fs_rss", "size_s", "size_p", "push_phase", "push_cycle", "push_requests",
                         "push_p", "pl_rss", "live_s", "live_cold", "live_p", "word", "cold_app",
                         "cold_floor", "cold_app_up", "cold_floor_up", "cold_rss", "pouch_rss",
                         "fs_rc"]}
    try:
        for rnd in range(1, args.rounds + 1):
            log("round %d of %d, load %s" % (rnd, args.rounds, load()))
            if "first" in only:
                # 1. First sync, whole processes.
                prof = os.path.join(work, "fs%d" % rnd)
                sec, rc, out, rss = timed(
                    ["java", XMX, "-jar", JAR, "sync", "--profile", prof, "--server", big.url,
                     "--user", "demo", "--password-stdin", "--json"], stdin="demo\n")
                r["fs_s"].append(sec if rc == 0 else None)
                r["fs_rc"].append(rc)
                r["fs_rss"].append(rss)
                if rc == 0:
                    # Settled: opened and closed once more, as the app does after a first sync.
                    # (Before client schema v7 that wrote the search words the sync left owed.)
                    _, src, sout, _ = timed(["java", "-cp", CP,
                                             "io.stockroom.bench.SettleProfile", prof])
                    if src != 0:
                        raise SystemExit("SettleProfile failed: " + sout[-500:])
                r["size_s"].append(du_kb(prof) / args.items * 1000 if rc == 0 else None)
                res = pouch(args.items, "firstpush,query,push,incr", ["--bs", "500"])
                pull = [s for s in res["pull"] if not s.get("error")]
                r["fs_p"].append(pull[0]["sec"] if pull else None)
                settled = pull[0].get("diskReopened") or pull[0].get("disk") if pull else None
                r["size_p"].append(settled["apparent"] / 1024 / args.items * 1000 if settled else None)
                log("first sync: Stockroom %.1f s, PouchDB %s s" % (sec, r["fs_p"][-1]))

            if "push" in only:
                # 2. Push of 1,000 and live, each against a fresh server.
                srv = Server(work, args.push_items)
                try:
                    sec, rc, out, rss = timed(
                        ["java", XMX, "-cp", CP, "io.stockroom.sync.PeerMeasures", srv.url, "demo",
                         "demo", os.path.join(work, "pl%d" % rnd), "1000", "10"])
                finally:
                    srv.stop()
                m = json.loads(out.strip().splitlines()[-1]) if rc == 0 else {}
                r["push_phase"].append(med(m.get("push_phase_ms", [])))
                r["push_cycle"].append(med(m.get("push_cycle_ms", [])))
                r["push_requests"].append(med(m.get("push_requests_ms", [])))
                r["live_s"].extend(m.get("live_ms", []))
                r["live_cold"].append(m.get("live_cold_ms"))
                r["pl_rss"].append(rss)
                # Three of each: its live measure takes one sample a rep.
                res = pouch(args.push_items, "firstpush,query", ["--push", "1000"], reps=3)
                push = [s["sec"] * 1000 for s in res["push"] if s.get("m") == 1000 and not s.get("error")]
                r["push_p"].append(med(push))
                live = [e for e in res["incr"] if e["name"].startswith("live replication")]
                r["live_p"].extend(s["ms"] for e in live for s in e["samples"] if "ms" in s)
                r["pouch_rss"].append(res.get("clientRssMB"))
                log("push: Stockroom %s ms, PouchDB %s ms" % (m.get("push_phase_ms"), r["push_p"][-1]))

            if "search" in only:
                # 3. Search (Stockroom only).
                sec, rc, out, rss = timed(["java", "-cp", CP, "io.stockroom.bench.LocalBench", "100000"])
                w = re.search(r"name word ([\d.]+) \(([\d.]+)\) ms", out)
                r["word"].append(float(w.group(2)) if w else None)

            if "cold" in only:
                # 4. Cold start: floor, then app.
                wall, up = first_paint(["java", "-cp", CP, "io.stockroom.bench.BareWindow"], xenv)
                r["cold_floor"].append(wall)
                r["cold_floor_up"].append(up)
                rss_file = os.path.join(work, "cold.rss")
                wall, up = first_paint(["/usr/bin/time", "-o", rss_file, "-f", "%M", "java", XMX,
                                        "-jar", JAR, "--smoke-test", "--profile", cold_profile], xenv)
                r["cold_app"].append(wall)
                r["cold_app_up"].append(up)
                with open(rss_file) as f:
                    r["cold_rss"].append(int(f.read().split()[-1]) / 1024)
                log("cold start: app %s ms, floor %s ms" % (r["cold_app"][-1], r["cold_floor"][-1]))
    finally:
        if big:
            big.stop()
        if xvfb:
            xvfb.terminate()

    def ratio(a, b):
        return [x / y for x, y in zip(a, b) if x is not None and y]

    def met(ok):
        return "yes" if ok else "**no**"

    fs_ratio = med(ratio(r["fs_s"], r["fs_p"]))
    ph_ratio = med(ratio(r["push_phase"], r["push_p"]))
    cy_ratio = med(ratio(r["push_cycle"], r["push_p"]))
    # Judged on every sample, each round's first (cold) change included, as the peer keeps its first.
    live_all = r["live_s"] + [x for x in r["live_cold"] if x is not None]
    live_ratio = (med(live_all) / med(r["live_p"])) if live_all and r["live_p"] else None
    gap = med([a - b for a, b in zip(r["cold_app"], r["cold_floor"]) if a and b])
    rows = [
        ("first sync of %s items, whole process" % format(args.items, ","),
         span(r["fs_s"], "%.1f") + " s", span(r["fs_p"], "%.1f") + " s",
         "%.2f" % fs_ratio if fs_ratio else "-", "<= 0.3x", met(fs_ratio and fs_ratio <= 0.3)),
        ("push of 1,000 new items: push alone", span(r["push_phase"], "%.0f") + " ms",
         span(r["push_p"], "%.0f") + " ms", "%.2f" % ph_ratio if ph_ratio else "-", "<= 0.5x",
         met(ph_ratio and ph_ratio <= 0.5)),
        ("push of 1,000 new items: whole cycle", span(r["push_cycle"], "%.0f") + " ms",
         span(r["push_p"], "%.0f") + " ms", "%.2f" % cy_ratio if cy_ratio else "-", "<= 1x",
         met(cy_ratio and cy_ratio <= 1)),
        ("a server write seen live (median; p95)",
         "%s; %s ms (without each round's first change: median %s, p95 %s ms)" % (
             span(live_all, "%.1f"), "%.1f" % p95(live_all) if live_all else "-",
             "%.1f" % med(r["live_s"]) if r["live_s"] else "-",
             "%.1f" % p95(r["live_s"]) if r["live_s"] else "-"),
         "%s; %s ms" % (span(r["live_p"], "%.1f"), "%.1f" % p95(r["live_p"]) if r["live_p"] else "-"),
         "%.2f" % live_ratio if live_ratio else "-", "<= 1.2x; p95 <= 50 ms",
         met(live_ratio and live_ratio <= 1.2 and p95(live_all) <= 50)),
        ("local size per 1,000 items, settled", span(r["size_s"], "%.0f") + " KB",
         span(r["size_p"], "%.0f") + " KB", "-", "<= 150 KB",
         met(med(r["size_s"]) and med(r["size_s"]) <= 150)),
        ("name-word search, 100,000 items (with count)", span(r["word"], "%.2f") + " ms", "-",
         "-", "< 5 ms", met(med(r["word"]) is not None and med(r["word"]) < 5)),
        ("cold start to the first painted table, %s items (exec to paint)" % format(args.items, ","),
         span(r["cold_app"], "%.0f") + " ms (JVM uptime " + span(r["cold_app_up"], "%.0f") + ")",
         "floor: bare JavaFX window " + span(r["cold_floor"], "%.0f") + " ms",
         "+%.0f ms" % gap if gap is not None else "-", "<= floor + 150 ms",
         met(gap is not None and gap <= 150)),
        ("memory: first sync under -Xmx256m, peak RSS", span(r["fs_rss"], "%.0f") + " MB",
         "client RSS " + span(r["pouch_rss"], "%.0f") + " MB", "-", "runs in -Xmx256m",
         met(all(c == 0 for c in r["fs_rc"]))),
        ("memory: push and live under -Xmx256m, peak RSS", span(r["pl_rss"], "%.0f") + " MB", "-",
         "-", "runs in -Xmx256m", met(all(x is not None for x in r["push_phase"]))),
        ("memory: app with %s items under -Xmx256m, peak RSS" % format(args.items, ","),
         span(r["cold_rss"], "%.0f") + " MB", "-", "-", "runs in -Xmx256m",
         met(all(x is not None for x in r["cold_app"]))),
    ]
    finished = datetime.datetime.now(datetime.timezone.utc)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    lines = [
        "## %s to %s UTC, %d rounds" % (started.strftime("%Y-%m-%d %H:%M"), finished.strftime("%H:%M"),
                                         args.rounds),
        "",
        "Machine: %d cores (%s), %s, %s, Node %s. Load average %s before, %s after." % (
            os.cpu_count(), cpu, platform.platform(), java, node, load_before, load()),
        "Medians over rounds (min-max); ratios are medians of each round's ratio; live samples "
        "are pooled over rounds (Stockroom 11 a round, the first, cold one also shown apart as "
        "live_cold; PouchDB 3; its push is the median of 3 a "
        "round, and so is Stockroom's: three pushes of 1,000 one after another).",
        "",
        "| measure | Stockroom | PouchDB / reference | ratio | budget | met |",
        "|---|---|---|---|---|---|",
    ] + ["| " + " | ".join(row) + " |" for row in rows] + [
        "",
        "Per round: " + json.dumps({k: [round(x, 1) if isinstance(x, float) else x for x in v]
                                   for k, v in r.items()}),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_report:
        new = not os.path.exists(REPORT)
        with open(REPORT, "a") as f:
            if new:
                f.write("# Side by side with PouchDB: every budget of issue 17\n\n"
                        "Written by `python3 bench/side-by-side.py` (see its header for what each "
                        "row measures). Newest run last.\n\n")
            f.write(text + "\n")
        log("appended to", REPORT)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
