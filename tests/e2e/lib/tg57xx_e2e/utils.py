# SPDX-License-Identifier: BSD-3-Clause
"""Commands, background processes, the cleanup stack and `ip -j`.

The shape follows the Linux net selftests' lib/py (cmd, bkg, defer, ip):

    out = cmd(["ip", "-br", "link"], ns=peer).stdout
    with bkg(["iperf3", "-s"], ns=fwd, ready=r"Server listening"):
        ...
    defer(os.unlink, path)          # runs when the test case ends, however it ends
    links = ip("link show", ns=peer, json=True)

Nothing sleeps for a fixed time: waits poll a condition against a deadline
(wait_until) or block on a process's output (Bkg.wait_for).
"""
import json as _json
import os
import re
import shlex
import shutil
import signal
import subprocess
import threading
import time

# How long a plain command may run unless the caller says otherwise.
CMD_TIMEOUT = 30
# Grace between SIGTERM and SIGKILL when stopping a background process.
STOP_GRACE = 10
# Poll interval of wait_until: short enough not to matter next to link or ARP times.
POLL_INTERVAL = 0.02


class Skip(Exception):
    """Raised by a test case (or a require_* helper) to skip it with a reason."""


class CmdError(Exception):
    """A command failed: carries the command, its exit status and its output."""

    def __init__(self, args, returncode, stdout, stderr, why="exited with status"):
        self.args_ = list(args)
        self.returncode = returncode
        self.stdout = stdout or ""
        self.stderr = stderr or ""
        msg = f"{shlex.join(self.args_)}: {why} {returncode}"
        if self.stdout.strip():
            msg += "\n--- stdout ---\n" + self.stdout.rstrip()
        if self.stderr.strip():
            msg += "\n--- stderr ---\n" + self.stderr.rstrip()
        super().__init__(msg)


def log(*objs):
    """A KTAP diagnostic line (visible in the meson log, ignored by TAP parsers)."""
    text = " ".join(str(o) for o in objs)
    for line in text.splitlines() or [""]:
        print("#", line, flush=True)


def uniq(base):
    """A name unique to this run (pid-based), so parallel runs never collide."""
    uniq.counter += 1
    return f"{base}{os.getpid()}x{uniq.counter}"


uniq.counter = 0


# ---------------------------------------------------------------- requirements

def require_root():
    if os.geteuid() != 0:
        raise Skip("needs root (network namespaces, veth, AF_PACKET)")


def require_tool(name):
    """Path of an executable, or Skip naming the missing tool and its package."""
    path = shutil.which(name)
    if path is None:
        hint = {"iperf3": "apt-get install iperf3", "dpdk-testpmd": "apt-get install dpdk",
                "strace": "apt-get install strace"}.get(name)
        raise Skip(f"{name} not installed" + (f" ({hint})" if hint else ""))
    return path


# ---------------------------------------------------------------- deferred cleanup

class _Deferred:
    def __init__(self, stack, func, args, kwargs):
        self._stack = stack
        self.func, self.args, self.kwargs = func, args, kwargs

    def cancel(self):
        if self in self._stack:
            self._stack.remove(self)

    def exec(self):
        """Run it now (and not again at the end of the case)."""
        self.cancel()
        self.func(*self.args, **self.kwargs)

    def __repr__(self):
        name = getattr(self.func, "__qualname__", repr(self.func))
        return f"{name}{self.args!r}"


_defer_stack = []


def defer(func, *args, **kwargs):
    """Schedule func(*args) for the end of the current test case (LIFO)."""
    if not callable(func):
        raise TypeError("defer() needs a callable; did you call it instead of passing it?")
    d = _Deferred(_defer_stack, func, args, kwargs)
    _defer_stack.append(d)
    return d


def run_deferred():
    """Run every deferred cleanup, newest first; errors are reported, never stop the rest.

    Returns the number of cleanups that failed."""
    failed = 0
    while _defer_stack:
        d = _defer_stack.pop()
        try:
            d.func(*d.args, **d.kwargs)
        except BaseException as e:  # noqa: BLE001 - cleanup must go on (incl. a second SIGTERM)
            failed += 1
            log(f"cleanup {d!r} failed: {e}")
    return failed


class Terminated(BaseException):
    """SIGTERM/SIGHUP arrived: unwinds the test like KeyboardInterrupt, running every cleanup."""


def install_signal_handlers():
    """Turn SIGTERM and SIGHUP into an exception so `finally`/defer cleanups run."""
    def handler(signum, _frame):
        # Further signals during cleanup must not interrupt it.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        raise Terminated(f"terminated by {signal.Signals(signum).name}")
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


# ---------------------------------------------------------------- waiting

def wait_until(cond, timeout, what="condition", interval=POLL_INTERVAL):
    """Poll cond() until it returns something truthy; return that, or raise TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        v = cond()
        if v:
            return v
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(interval)


# ---------------------------------------------------------------- commands

def _ns_name(ns):
    return ns if isinstance(ns, str) else getattr(ns, "name", None)


def _argv(args, ns):
    argv = shlex.split(args) if isinstance(args, str) else [str(a) for a in args]
    if ns is not None:
        argv = ["ip", "netns", "exec", _ns_name(ns)] + argv
    return argv


class Result:
    def __init__(self, args, returncode, stdout, stderr):
        self.args, self.returncode, self.stdout, self.stderr = args, returncode, stdout, stderr

    @property
    def ok(self):
        return self.returncode == 0


def cmd(args, ns=None, check=True, timeout=CMD_TIMEOUT, input=None, env=None):
    """Run a command to completion; raise CmdError (with its output) when it fails."""
    argv = _argv(args, ns)
    try:
        p = subprocess.run(argv, input=input, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else e.stdout
        err = e.stderr.decode() if isinstance(e.stderr, bytes) else e.stderr
        raise CmdError(argv, timeout, out, err, why="still running after (s)") from None
    except FileNotFoundError:
        raise Skip(f"{argv[0]} not installed") from None
    if check and p.returncode != 0:
        raise CmdError(argv, p.returncode, p.stdout, p.stderr)
    return Result(argv, p.returncode, p.stdout, p.stderr)


def ip(args, ns=None, json=False, check=True):
    """`ip [-n NS] [-j] ARGS`; with json=True the parsed `ip -j` output (a list)."""
    argv = ["ip"]
    if ns is not None:
        argv += ["-n", _ns_name(ns)]
    if json:
        argv.append("-j")
    argv += shlex.split(args) if isinstance(args, str) else list(args)
    r = cmd(argv, check=check)
    if json:
        return _json.loads(r.stdout) if r.stdout.strip() else []
    return r


# ---------------------------------------------------------------- background processes

_live_bkg = []


class Bkg:
    """A background process whose output is collected as it comes.

    ready: a regex searched in the output (stdout and stderr), or a callable
    polled until truthy; the constructor returns once it holds, and raises
    (after stopping the process) if the process dies or `timeout` passes.
    The process is stopped (SIGTERM, then SIGKILL after STOP_GRACE) when the
    `with` block or the current test case ends.
    """

    def __init__(self, args, ns=None, ready=None, timeout=30, name=None, stdin=False, env=None):
        self.argv = _argv(args, ns)
        self.name = name or os.path.basename(self.argv[4] if ns is not None else self.argv[0])
        self._lock = threading.Condition()
        self._out = []          # combined output chunks, in arrival order
        self._parts = {"stdout": [], "stderr": []}
        self._text = ""         # joined lazily
        self._texts = {"stdout": "", "stderr": ""}
        self._dirty = False
        self._eof = 0
        self.returncode = None
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.pid = self.proc.pid
        _live_bkg.append(self)
        self._defer = defer(self.stop)
        self._threads = [threading.Thread(target=self._reader, args=(f, name), daemon=True)
                         for f, name in ((self.proc.stdout, "stdout"), (self.proc.stderr, "stderr"))]
        for t in self._threads:
            t.start()
        if ready is not None:
            try:
                if callable(ready):
                    wait_until(lambda: ready() or self._check_alive(), timeout, f"{self.name} to be ready")
                    self._raise_if_dead(f"{self.name} exited before it was ready")
                else:
                    self.wait_for(ready, timeout)
            except BaseException:
                self.stop()
                raise

    # -- output
    def _reader(self, f, stream):
        while True:
            chunk = f.read1(65536) if hasattr(f, "read1") else f.read(65536)
            if not chunk:
                break
            text = chunk.decode(errors="replace")
            with self._lock:
                self._out.append(text)
                self._parts[stream].append(text)
                self._dirty = True
                self._lock.notify_all()
        with self._lock:
            self._eof += 1
            self._lock.notify_all()

    def _join(self):
        # Under self._lock.
        if self._dirty:
            self._text = "".join(self._out)
            self._texts = {k: "".join(v) for k, v in self._parts.items()}
            self._dirty = False

    @property
    def output(self):
        """stdout and stderr interleaved in arrival order (for logs and readiness)."""
        with self._lock:
            self._join()
            return self._text

    @property
    def stdout(self):
        with self._lock:
            self._join()
            return self._texts["stdout"]

    @property
    def stderr(self):
        with self._lock:
            self._join()
            return self._texts["stderr"]

    def tail(self, lines=40):
        return "\n".join(self.output.splitlines()[-lines:])

    def _check_alive(self):
        return self.proc.poll() is not None

    def _raise_if_dead(self, why):
        if self.proc.poll() is not None:
            self.stop()
            raise CmdError(self.argv, self.proc.returncode, self.output, "", why=f"{why}: status")

    def wait_for(self, pattern, timeout=30, start=0, stream=None):
        """Block until regex `pattern` matches the output from offset `start`; return the match.

        stream: None (stdout and stderr as they arrived) or "stdout"/"stderr" alone
        (offsets then count in that stream). Raises CmdError if the process exits
        first, TimeoutError at the deadline."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                self._join()
                m = rx.search(self._text if stream is None else self._texts[stream], start)
                if m:
                    return m
                if self._eof == len(self._threads):
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self.name}: no /{rx.pattern}/ within {timeout:g}s; "
                                       f"last output:\n{self.tail(20)}")
                self._lock.wait(left)
        self.proc.wait()
        raise CmdError(self.argv, self.proc.returncode, self.output, "",
                       why=f"exited before printing /{rx.pattern}/: status")

    def write(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    # -- lifetime
    @property
    def alive(self):
        return self.proc.poll() is None

    def send_signal(self, sig):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)

    def wait(self, timeout=STOP_GRACE):
        """Wait for a process that is exiting by itself; return its status."""
        self.returncode = self.proc.wait(timeout)
        for t in self._threads:
            t.join(timeout)
        return self.returncode

    def stop(self, sig=signal.SIGTERM, grace=STOP_GRACE):
        """Signal, wait up to `grace` s, then SIGKILL. Returns the exit status (negative: signal)."""
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(sig)
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                log(f"{self.name} (pid {self.pid}) ignored {signal.Signals(sig).name} for {grace}s: SIGKILL")
                self.proc.kill()
                self.proc.wait()
        self.returncode = self.proc.returncode
        for t in self._threads:
            t.join(STOP_GRACE)
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if f is not None:
                try:
                    f.close()
                except OSError:
                    pass
        self._defer.cancel()
        if self in _live_bkg:
            _live_bkg.remove(self)
        return self.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


bkg = Bkg


def live_processes():
    return list(_live_bkg)
