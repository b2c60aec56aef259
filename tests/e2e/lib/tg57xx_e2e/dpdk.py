# SPDX-License-Identifier: BSD-3-Clause
"""DPDK processes in tests: EAL arguments with a private file prefix, and
dpdk-testpmd driven interactively through its prompt.

    eal = Eal(plugin, vdevs=["net_tg57xx_sim0,wire=loop"])
    with Testpmd(eal, ["--port-topology=loop"]) as tp:
        tp.cmd("set fwd io")
        tp.cmd("start tx_first")
        tp.wait_stats(lambda s: s[0]["rx"] > 1000)
        stats = tp.stop()           # the forward statistics testpmd prints
"""
import os
import re
import shutil

from .leaks import dpdk_runtime_base
from .utils import Bkg, CmdError, defer, require_tool, uniq, wait_until

# Memory for --no-huge runs: testpmd's pools plus the model's rings fit easily.
EAL_MEM_MB = 512
# Enough mbufs for two ports' rings (2 x 512) plus bursts in flight.
TESTPMD_MBUFS = 4096
# Port bring-up includes the PHY model's autonegotiation; testpmd waits up to 9 s for links.
TESTPMD_START_TIMEOUT = 60
TESTPMD_CMD_TIMEOUT = 30


def remove_runtime_dir(prefix):
    """EAL leaves /var/run/dpdk/<prefix> (config, fbarrays) behind after a clean exit."""
    shutil.rmtree(os.path.join(dpdk_runtime_base(), prefix), ignore_errors=True)


class Eal:
    """EAL options for one DPDK process: no PCI, a unique file prefix, and no hugepages
    unless `huge` (a huge.Hugepages) is given — then secondary processes can attach."""

    def __init__(self, plugin=None, vdevs=(), lcores="0-1", mem=EAL_MEM_MB, extra=(), huge=None):
        self.prefix = uniq("tge2e-")
        self.plugin, self.vdevs, self.lcores, self.mem, self.extra = plugin, list(vdevs), lcores, mem, list(extra)
        self.huge = huge
        defer(remove_runtime_dir, self.prefix)

    def args(self):
        mem = ["--no-huge"] if self.huge is None else ["--huge-dir", self.huge.dir]
        a = ["-l", self.lcores, *mem, "--no-pci", "-m", str(self.mem), "--file-prefix", self.prefix]
        if self.plugin:
            a += ["-d", self.plugin]
        for v in self.vdevs:
            a += ["--vdev", v]
        return a + self.extra


# Between the RX and TX lines testpmd prints optional lines when they are not zero
# (RX-error and RX-nombufs, Bad-ipcsum...): skipped, but never into the next port's block.
_FWD_STATS = re.compile(
    r"Forward statistics for port (\d+)\s+-+\s*"
    r"RX-packets:\s*(\d+)\s+RX-dropped:\s*(\d+)\s+RX-total:\s*(\d+)\s*"
    r"((?:(?!Forward statistics|TX-packets:)[^\n]*\n\s*)*?)"
    r"TX-packets:\s*(\d+)\s+TX-dropped:\s*(\d+)\s+TX-total:\s*(\d+)")
_FWD_RX_ERROR = re.compile(r"RX-error:\s*(\d+)")
_NIC_STATS = re.compile(
    r"NIC statistics for port (\d+)\s+#+\s*"
    r"RX-packets:\s*(\d+)\s+RX-missed:\s*(\d+)\s+RX-bytes:\s*(\d+)\s*"
    r"RX-errors:\s*(\d+)\s*RX-nombuf:\s*(\d+)\s*"
    r"TX-packets:\s*(\d+)\s+TX-errors:\s*(\d+)\s+TX-bytes:\s*(\d+)")


def parse_fwd_stats(text):
    """{port: {rx, rx_dropped, rx_error, tx, tx_dropped}} from the block testpmd prints at `stop`."""
    out = {}
    for m in _FWD_STATS.finditer(text):
        p, rx, rxd, _, between, tx, txd, _ = m.groups()
        err = _FWD_RX_ERROR.search(between)
        out[int(p)] = {"rx": int(rx), "rx_dropped": int(rxd), "rx_error": int(err.group(1)) if err else 0,
                       "tx": int(tx), "tx_dropped": int(txd)}
    return out


def parse_port_stats(text):
    """{port: {rx, rx_missed, rx_bytes, rx_errors, rx_nombuf, tx, tx_errors, tx_bytes}}."""
    out = {}
    for m in _NIC_STATS.finditer(text):
        v = [int(x) for x in m.groups()]
        out[v[0]] = dict(zip(("rx", "rx_missed", "rx_bytes", "rx_errors", "rx_nombuf",
                              "tx", "tx_errors", "tx_bytes"), v[1:]))
    return out


class Testpmd:
    """dpdk-testpmd -i, one command at a time: each cmd() returns what it printed.

    stdout is made line-buffered (stdbuf) so testpmd's printf output and the
    prompt cmdline writes directly arrive in order; a command is complete when
    the next "testpmd> " prompt appears."""

    PROMPT = re.compile(r"testpmd> ")

    def __init__(self, eal, app_args=(), ns=None, mbufs=TESTPMD_MBUFS, timeout=TESTPMD_START_TIMEOUT):
        testpmd = require_tool("dpdk-testpmd")
        self.eal = eal
        # --mask-event=all: "Port N: ... event" lines come from another thread at any
        # time and could land in the middle of a prompt.
        argv = [require_tool("stdbuf"), "-oL", "-eL", testpmd, *eal.args(), "--", "-i",
                f"--total-num-mbufs={mbufs}", "--mask-event=all", *app_args]
        self.proc = Bkg(argv, ns=ns, name="testpmd", stdin=True)
        try:
            # Prompts and command output are on stdout; EAL/PMD logs (stderr) may come any time.
            self.proc.wait_for(self.PROMPT, timeout, stream="stdout")
        except BaseException:
            self.proc.stop()
            raise

    def cmd(self, line, timeout=TESTPMD_CMD_TIMEOUT):
        """Send one command; return its output (up to the next prompt)."""
        start = len(self.proc.stdout)
        self.proc.write(line + "\n")
        m = self.proc.wait_for(self.PROMPT, timeout, start=start, stream="stdout")
        text = self.proc.stdout[start:m.start()]
        # The terminal layer echoes the command line first.
        return text.split("\n", 1)[1] if text.startswith(line) and "\n" in text else text

    def port_stats(self):
        return parse_port_stats(self.cmd("show port stats all"))

    def wait_stats(self, cond, timeout=30, what="traffic"):
        """Poll `show port stats all` until cond(stats) holds; return the stats."""
        last = {}

        def probe():
            last["s"] = self.port_stats()
            return last["s"] if cond(last["s"]) else None
        try:
            return wait_until(probe, timeout, what, interval=0.1)
        except TimeoutError as e:
            raise TimeoutError(f"{e}; last port stats: {last.get('s')}") from None

    def stop(self):
        """`stop`: the forward statistics per port."""
        text = self.cmd("stop")
        stats = parse_fwd_stats(text)
        if not stats:
            raise AssertionError("no forward statistics after 'stop':\n" + text)
        return stats

    def quit(self, timeout=TESTPMD_CMD_TIMEOUT):
        """`quit` and wait for a clean exit (ports stopped and closed, status 0)."""
        if not self.proc.alive:
            return self.proc.stop()
        self.proc.write("quit\n")
        try:
            rc = self.proc.wait(timeout)
        except Exception:
            self.proc.stop()
            raise
        self.proc.stop()
        if rc != 0:
            raise CmdError(self.proc.argv, rc, self.proc.output, "", why="quit with status")
        return rc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.alive:
            if exc[0] is None:
                self.quit()
            else:
                self.proc.stop()
        return False
