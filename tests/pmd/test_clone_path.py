#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""A clone below a world-writable directory (/tmp) still loads its plugins
(issue 11): DPDK's EAL refuses -d plugins whose real path crosses a
world-writable directory, so usertools/lib/build-dir.sh (used by
tg57xx-setup, tg57xx-test and tg57xx-demo) builds in a private directory and
makes build/ a symlink to it.

usage: test_clone_path.py SOURCE_ROOT PMD.so SIM.so

Fast: no second build. The scripts are copied into a clone directory below a
fresh world-writable (1777) directory, the build-dir choice is made there, the
plugins already built are placed where that build would put them, and
dpdk-testpmd loads them through build/ and probes a model port; the same
plugins placed below the world-writable directory itself are refused, which
is the failure the choice avoids.
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

SRC = PMD = SIM = None
TIMEOUT = 60


def bash(script, cwd, env=None):
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, **(env or {})})


def testpmd(sim_plugin):
    prefix = f"tg57xx-clone-{os.getpid()}"
    cmd = ["dpdk-testpmd", "-d", sim_plugin, "--no-huge", "--no-pci", "-m", "256", "--file-prefix", prefix,
           "--vdev", "net_tg57xx_sim0,wire=loop", "--", "-i", "--total-num-mbufs=2048"]
    try:
        return subprocess.run(cmd, input="quit\n", capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        shutil.rmtree(f"/var/run/dpdk/{prefix}", ignore_errors=True)


def place_plugins(build_dir):
    """The two plugins where a build in build_dir puts them (the sim plugin's run path is $ORIGIN/../tg57xx)."""
    for so, sub in ((PMD, "tg57xx"), (SIM, "tg57xx_sim")):
        d = os.path.join(build_dir, "drivers", "net", sub)
        os.makedirs(d, exist_ok=True)
        shutil.copy2(so, d)
    return os.path.join(build_dir, "drivers", "net", "tg57xx_sim", os.path.basename(SIM))


class ClonePath(unittest.TestCase):
    def setUp(self):
        if shutil.which("dpdk-testpmd") is None:
            self.skipTest("dpdk-testpmd not installed")
        self.ww = tempfile.mkdtemp(prefix="tg57xx-ww-", dir="/tmp")
        self.addCleanup(shutil.rmtree, self.ww, ignore_errors=True)
        os.chmod(self.ww, 0o1777)  # like /tmp itself
        self.clone = os.path.join(self.ww, "clone")
        shutil.copytree(os.path.join(SRC, "usertools"), os.path.join(self.clone, "usertools"))
        # A safe root of our own instead of /var/cache/tg57xx (the test must not leave anything there).
        self.safe = tempfile.mkdtemp(prefix="tg57xx-safe-", dir=os.path.dirname(os.path.realpath(PMD)))
        self.addCleanup(shutil.rmtree, self.safe, ignore_errors=True)
        os.chmod(self.safe, 0o755)

    def choose(self, **env):
        return bash('. usertools/lib/build-dir.sh && tg57xx_build_dir tg57xx-test "$PWD"', self.clone,
                    {"TG57XX_SAFE_BUILD_ROOT": self.safe, "TG57XX_BUILD_DIR": "", **env})

    def test_world_writable_plugin_dir_is_refused(self):
        # The premise: EAL refuses the plugins when they live below the 1777 directory.
        plugin = place_plugins(os.path.join(self.clone, "real-build"))
        r = testpmd(plugin)
        self.assertIn("world-writable and insecure", r.stdout + r.stderr)
        self.assertNotIn("Port 0:", r.stdout)

    def test_build_dir_moves_to_a_safe_place_and_plugins_load(self):
        r = self.choose()
        self.assertEqual(r.returncode, 0, r.stderr)
        build = r.stdout.strip()
        self.assertTrue(build.startswith(self.safe + "/build-"), build)
        self.assertIn(f"world-writable {os.path.realpath(self.ww)}", r.stderr)
        link = os.path.join(self.clone, "build")
        self.assertTrue(os.path.islink(link))
        self.assertEqual(os.path.realpath(link), os.path.realpath(build))
        # A second run is quiet and keeps build/ (now on a safe real path).
        r2 = self.choose()
        self.assertEqual(r2.returncode, 0, r2.stderr)
        self.assertEqual(os.path.realpath(r2.stdout.strip()), os.path.realpath(build))
        self.assertEqual(r2.stderr, "")
        # What the README's -d build/drivers/... and tg-fwd's compiled-in paths do: load through build/.
        place_plugins(build)
        r = testpmd(os.path.join(link, "drivers", "net", "tg57xx_sim", os.path.basename(SIM)))
        self.assertNotIn("insecure", r.stdout + r.stderr)
        self.assertIn("Port 0:", r.stdout, r.stdout + r.stderr)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_unsafe_explicit_build_dir_stops_with_one_line(self):
        r = self.choose(TG57XX_BUILD_DIR=os.path.join(self.ww, "b"))
        self.assertEqual(r.returncode, 1)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertIn("world-writable", lines[0])
        self.assertIn("TG57XX_BUILD_DIR", lines[0])

    def test_safe_clone_keeps_build(self):
        safe_clone = os.path.join(self.safe, "clone")
        shutil.copytree(os.path.join(SRC, "usertools"), os.path.join(safe_clone, "usertools"))
        r = bash('. usertools/lib/build-dir.sh && tg57xx_build_dir tg57xx-test "$PWD"', safe_clone,
                 {"TG57XX_BUILD_DIR": ""})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), os.path.join(safe_clone, "build"))
        self.assertFalse(os.path.lexists(os.path.join(safe_clone, "build")))

    def test_meson_refuses_an_unsafe_build_dir(self):
        # The check meson.build runs at configure time (buildtools/unsafe-dir.py).
        r = subprocess.run([sys.executable, os.path.join(SRC, "buildtools", "unsafe-dir.py"),
                            os.path.join(self.clone, "build2")], capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(r.stdout.strip(), os.path.realpath(self.ww))
        r = subprocess.run([sys.executable, os.path.join(SRC, "buildtools", "unsafe-dir.py"), self.safe],
                           capture_output=True, text=True, timeout=TIMEOUT)
        self.assertEqual(r.stdout.strip(), "")


if __name__ == "__main__":
    SRC, PMD, SIM = sys.argv[1:4]
    unittest.main(argv=[sys.argv[0], *sys.argv[4:]], verbosity=2)
