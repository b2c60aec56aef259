# SPDX-License-Identifier: BSD-3-Clause
"""Helpers shared by the bench drivers in tests/bench: running a program
under callgrind, reading its totals, and printing the top self costs; the
BENCH-RESULT line format every bench reports its targets in; and
for the benches built on the tests/e2e harness (namespaces, tg-fwd), its
set-up checks and a case runner.

Callgrind instruction counts are deterministic and do not depend on how
loaded the machine is, which is why the benches report them next to
(noisy) time measurements.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


SKIP = 77  # meson's exit code for a skipped test or benchmark
E2E_LIB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "lib")


def log(msg=""):
    print(msg, flush=True)


def callgrind(valgrind, argv, toggle, extra=(), timeout=600, env=None):
    """Run argv under callgrind, collecting only inside function `toggle`
    (and what it calls). Returns (proc, out_files): one out file per thread
    when --separate-threads=yes is in extra, else one. Raises on timeout."""
    tmp = tempfile.mkdtemp(prefix="tg57xx-cg-")
    out = os.path.join(tmp, "cg.out")
    cmd = [valgrind, "--tool=callgrind", "--toggle-collect=" + toggle,
           "--callgrind-out-file=" + out, *extra, *argv]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=timeout, env=env)
    files = sorted(os.path.join(tmp, f) for f in os.listdir(tmp))
    p.cg_dir = tmp
    p.cg_cmd = cmd
    return p, files


def cleanup(p):
    shutil.rmtree(getattr(p, "cg_dir", ""), ignore_errors=True)


def totals(path):
    """Total collected Ir of one callgrind out file (0 if none)."""
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                return int(line.split()[1])
    return 0


_ANN = re.compile(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*)$")


def short_name(fn):
    """'dir/file.cpp:ns::(anonymous namespace)::Cls::f(args) [obj]' -> 'file.cpp: Cls::f'"""
    mo = re.search(r"\s+\[([^\]]*)\]$", fn)
    obj = os.path.basename(mo.group(1)) if mo else ""
    fn = re.sub(r"\s+\[[^\]]*\]$", "", fn)
    m = re.match(r"^(.*?):(.*)$", fn)
    file, func = (m.group(1), m.group(2)) if m else ("", fn)
    func = func.replace("(anonymous namespace)::", "")
    # drop the argument list (outermost parentheses at the end)
    depth = 0
    for i in range(len(func) - 1, -1, -1):
        if func[i] == ")":
            depth += 1
        elif func[i] == "(":
            depth -= 1
            if depth == 0:
                func = func[:i]
                break
    func = re.sub(r"^(tg57xx::(sim::|pmd::)?)", "", func)
    if re.fullmatch(r"0x[0-9a-fA-F]+", func) and obj:
        return f"{obj}: {func} (stripped)"
    base = os.path.basename(file) if file and file != "???" else "?"
    return f"{base}: {func}"


def top_self(path, n=10, annotate="callgrind_annotate"):
    """[(ir, pct, name)] of the n largest self costs in a callgrind file."""
    if shutil.which(annotate) is None:
        return []
    p = subprocess.run([annotate, "--inclusive=no", "--threshold=100", path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    rows = []
    started = False
    for line in p.stdout.splitlines():
        if "PROGRAM TOTALS" in line:
            started = True
            continue
        if not started:
            continue
        m = _ANN.match(line)
        if m:
            rows.append((int(m.group(1).replace(",", "")), float(m.group(2)), short_name(m.group(3))))
            if len(rows) >= n:
                break
        elif rows and not line.strip():
            break
    return rows


def print_profile(rows, per, unit, indent="  "):
    """rows from top_self; per = divisor (frames) for a per-unit column."""
    for ir, pct, name in rows:
        log(f"{indent}{pct:5.1f}%  {ir / per:8.1f} {unit}  {name}")


def cpu_times():
    """The machine's CPU time so far, all CPUs (/proc/stat "cpu" line, proc(5)): (busy, stolen,
    total) in clock ticks. Stolen: time the hypervisor ran something else while this VM had
    work, which no code here can win back."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]  # user nice system idle iowait irq softirq steal
    v += [0] * (8 - len(v))
    idle, stolen, total = v[3] + v[4], v[7], sum(v)
    return total - idle - stolen, stolen, total


def cpu_share(before, after):
    """(busy %, stolen %) of all CPUs' time between two cpu_times()."""
    d = [a - b for a, b in zip(after, before)]
    return (100.0 * d[0] / d[2], 100.0 * d[1] / d[2]) if d[2] > 0 else (0.0, 0.0)


def ratio(what, num, den, unit, digits=3):
    """One 'RATIO what = num / den unit = r' line (nothing when den is 0)."""
    if den:
        log(f"RATIO {what} = {num:.3f} / {den:.3f} {unit} = {num / den:.{digits}f}")


# ---- BENCH-RESULT lines: one figure per target, collected into one table ----
#
# Each bench prints, for every target it measures, one line on stdout:
#
#   BENCH-RESULT<TAB>name<TAB>figure<TAB>peer<TAB>unit<TAB>target<TAB>label
#
#   name    a stable id, [a-z0-9.-]+ (e.g. "pmd-instr-per-pkt"); the same name
#           from two benches of one run: the later line wins
#   figure  what was measured, a decimal number ("%g"), or "-" if it failed
#   peer    the same measurement of the peer in the same run ("-": none)
#   unit    of figure and peer, no spaces or tabs (e.g. "Mbit/s", "instr/pkt")
#   target  "ratio>=X" / "ratio<=X" (figure / peer against X), "figure>=X" /
#           "figure<=X", or "-" (reported, no target)
#   label   free text (no tab): what the figure is, and who the peer is
#
# usertools/tg57xx-test --bench reads these lines back from meson's test log
# (build/meson-logs/testlog.json keeps each benchmark's stdout) and prints
# them as one table with the ratio and met / not met (usertools/lib/
# meson-tests.py bench-table). ISSUE12 lists the targets the table always
# shows, in its order; a name not listed there is shown after them.
RESULT_TAG = "BENCH-RESULT"
ISSUE12 = (
    ("iperf3-to-kernel", "iperf3 TCP peer -> tg0 through the chain vs plain veth"),
    ("iperf3-from-kernel", "iperf3 TCP tg0 -> peer through the chain vs plain veth"),
    ("iperf3-bidir", "iperf3 TCP --bidir through the chain vs plain veth"),
    ("pps-tgfwd-vs-testpmd", "64 B NIC -> kernel pps: tg-fwd vs testpmd io"),
    ("pps-virtio-vs-tap", "64 B NIC -> kernel pps: virtio-user vs net_tap"),
    ("pmd-instr-per-pkt", "PMD rx+tx instr/pkt vs mbuf alloc+free floor"),
    ("ping-p50", "ping RTT p50 through the chain vs plain veth"),
    ("ping-p99", "ping RTT p99 through the chain vs plain veth"),
    ("idle-cpu", "tg-fwd lcore CPU when idle: --idle-sleep vs busy-poll"),
)


def _num(v):
    return "-" if v is None else f"{v:g}"


def result(name, figure, peer, unit, target, label):
    """Print one BENCH-RESULT line (format above); figure/peer None = not measured."""
    for field in (name, unit, target):
        if not field or any(c in field for c in " \t\n"):
            raise ValueError(f"BENCH-RESULT field {field!r}: no spaces, tabs or newlines")
    log("\t".join((RESULT_TAG, name, _num(figure), _num(peer), unit, target, label.replace("\t", " "))))


def parse_results(text):
    """{name: dict(figure, peer, unit, target, label)} from a bench's stdout (later lines win)."""
    out = {}
    for line in text.splitlines():
        f = line.rstrip("\n").split("\t")
        if len(f) != 7 or f[0] != RESULT_TAG:
            continue
        num = lambda v: None if v == "-" else float(v)  # noqa: E731
        try:
            out[f[1]] = {"figure": num(f[2]), "peer": num(f[3]), "unit": f[4], "target": f[5], "label": f[6]}
        except ValueError:
            continue
    return out


def verdict(r):
    """(ratio or None, 'met' / 'not met' / 'reported' / 'not measured') of one parsed result."""
    fig, peer, target = r["figure"], r["peer"], r["target"]
    ratio = fig / peer if fig is not None and peer else None
    if fig is None:
        return ratio, "not measured"
    if target == "-":
        return ratio, "reported"
    for what, val in (("ratio", ratio), ("figure", fig)):
        for op in (">=", "<="):
            if target.startswith(what + op):
                if val is None:
                    return ratio, "not measured"
                x = float(target[len(what) + 2:])
                return ratio, "met" if (val >= x if op == ">=" else val <= x) else "not met"
    return ratio, "reported"


def finish(failed):
    """Exit code of a bench: 1 (and the line saying which) when a measurement failed."""
    if failed:
        log(f"MEASUREMENT FAILED: {', '.join(failed)}")
        return 1
    return 0


def fail(msg):
    print(f"MEASUREMENT FAILED: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def e2e_harness(a, tools):
    """For a bench on the tests/e2e harness given --tg-fwd and --plugin (made absolute here):
    import the harness, check root, `tools` and both paths, install its signal handlers.
    Returns (the tg57xx_e2e module, None), or (None, exit code) after saying why."""
    if E2E_LIB not in sys.path:
        sys.path.insert(0, E2E_LIB)
    a.tg_fwd, a.plugin = os.path.abspath(a.tg_fwd), os.path.abspath(a.plugin)
    try:
        import tg57xx_e2e as e2e
    except ImportError as e:
        log(f"SKIPPED: the tests/e2e harness is not there ({e})")
        return None, SKIP
    try:
        e2e.require_root()
        for t in tools:
            e2e.require_tool(t)
    except e2e.Skip as e:
        log(f"SKIPPED: {e}")
        return None, SKIP
    for path in (a.tg_fwd, a.plugin):
        if not os.path.exists(path):
            log(f"MEASUREMENT FAILED: {path} does not exist")
            return None, 1
    e2e.utils.install_signal_handlers()
    return e2e, None


def case_runner(e2e, failed):
    """run_case(name, fn): run one measurement; a failure is said and its name added to
    `failed` (the other cases still run); what it set up is removed either way."""
    def run_case(name, fn):
        log(f"# {name}")
        try:
            fn()
        except e2e.Terminated:
            raise
        except Exception as ex:  # noqa: BLE001 - reported, the other cases still run
            failed.append(name)
            log(f"MEASUREMENT FAILED: {name}: {ex}")
        finally:
            e2e.run_deferred()
    return run_case
