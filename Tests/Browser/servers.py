"""The real processes the browser suite drives: `logix sim` (WooSim), `logix sim --platform shopify`
(ShopifySim) and `logix serve` on SQLite, in a temporary folder, each on a free loopback port; and the users, made with `logix users add` as an operator
would. Everything started here is stopped by `Servers.stop()`, by process id.
"""

import os
import re
import signal
import socket
import subprocess
import tempfile
import time


class StartupError(Exception):
    """A process did not come up; the message carries its output."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Servers:
    """WooSim, ShopifySim and Logix, started on `start()`, stopped on `stop()`."""

    def __init__(self, logix, orders=60, shopify_orders=25, keep=False):
        self.logix = os.path.abspath(logix)
        self.orders = orders
        self.keep = keep
        self.folder = tempfile.mkdtemp(prefix="logix-browser-")
        self.processes = []  # (name, Popen, log path)
        self.store_url = None
        self.consumer_key = None
        self.consumer_secret = None
        self.shopify_orders = shopify_orders
        self.shop_url = None
        self.shop_domain = None
        self.access_token = None
        self.api_secret = None
        self.logix_url = None
        self.port = None
        self.users = []

    # -- life cycle --

    def start(self):
        self._start_sim()
        self._start_shopify_sim()
        self._start_logix()

    def stop(self):
        # Only the processes this suite started, by their ids; SIGTERM first, both stop cleanly on it.
        for _, process, _ in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for _, process, _ in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        if not self.keep:
            subprocess.run(["rm", "-rf", self.folder], check=False)

    def logs(self):
        """The tail of every process's output, for a failure report."""
        text = []
        for name, _, path in self.processes:
            with open(path, errors="replace") as log:
                lines = log.read().splitlines()
            text.append(f"--- {name} ({path}), last lines:\n" + "\n".join(lines[-40:]))
        return "\n".join(text)

    # -- the store --

    def _start_sim(self):
        process, log = self._spawn(
            "sim",
            [self.logix, "sim", "--port", "0", "--orders", str(self.orders), "--seed", "12"],
            env={})
        text = self._wait_for_output("sim", process, log, r"Stop with Ctrl-C")
        self.store_url = re.search(r"WooSim store:\s+(\S+)", text).group(1).rstrip("/")
        keys = re.search(r"Read/write:\s+(\S+) / (\S+)", text)
        self.consumer_key, self.consumer_secret = keys.group(1), keys.group(2)

    def _start_shopify_sim(self):
        """ShopifySim on a free port; it prints its address, the Admin API access token and the API secret."""
        process, log = self._spawn(
            "shopify sim",
            [self.logix, "sim", "--platform", "shopify", "--port", "0", "--orders", str(self.shopify_orders),
             "--seed", "12"],
            env={})
        text = self._wait_for_output("shopify sim", process, log, r"Stop with Ctrl-C")
        self.shop_url = re.search(r"ShopifySim store:\s+(\S+)", text).group(1).rstrip("/")
        self.shop_domain = re.search(r"Shop domain:\s+(\S+)", text).group(1)
        self.access_token = re.search(r"Access token:\s+(\S+)", text).group(1)
        self.api_secret = re.search(r"API secret:\s+(\S+)", text).group(1)

    # -- Logix --

    def _environment(self):
        return {
            "LOGIX_DATABASE_URL": os.path.join(self.folder, "logix.sqlite"),
            "LOGIX_DATA_DIR": self.folder,
            "LOGIX_PORT": str(self.port),
            # The store is on loopback: refused otherwise (server-side request forgery guard).
            "LOGIX_ALLOW_PRIVATE_STORES": "1",
            # Commits need not survive a power loss in a throwaway folder; saves fsyncs on a busy CI machine.
            "LOGIX_SQLITE_SYNCHRONOUS": "normal",
        }

    def _start_logix(self):
        self.port = free_port()
        self.logix_url = f"http://127.0.0.1:{self.port}"
        process, log = self._spawn(
            "logix serve", [self.logix, "serve", "--log-level", "warning"], env=self._environment())
        self._wait_for_output("logix serve", process, log, r"Logix is ready at")

    def add_user(self, email, password):
        """`logix users add EMAIL`, the password on stdin, as the README tells an operator."""
        result = subprocess.run(
            [self.logix, "users", "add", email], input=password + "\n", capture_output=True, text=True,
            env={**self._base_environment(), **self._environment()}, timeout=60)
        if result.returncode != 0:
            raise StartupError(f"logix users add {email} failed: {result.stderr}{result.stdout}")
        self.users.append(email)

    # -- processes --

    def _base_environment(self):
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.folder}

    def _spawn(self, name, arguments, env):
        path = os.path.join(self.folder, name.replace(" ", "-") + ".log")
        log = open(path, "w")
        process = subprocess.Popen(
            arguments, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**self._base_environment(), **env}, cwd=self.folder)
        self.processes.append((name, process, path))
        return process, path

    @staticmethod
    def _wait_for_output(name, process, path, pattern, timeout=60):
        """Waits until the process has printed `pattern` (it flushes once it listens); fails if it exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(path, errors="replace") as log:
                text = log.read()
            if re.search(pattern, text):
                return text
            if process.poll() is not None:
                raise StartupError(f"{name} exited with {process.returncode}:\n{text}")
            time.sleep(0.05)  # polling its log file: the process offers no other signal
        raise StartupError(f"{name} printed nothing matching {pattern!r} in {timeout} s:\n{text}")
