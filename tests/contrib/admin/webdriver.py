"""A tiny W3C WebDriver client on the standard library, for the admin's browser tests.

It starts Debian's chromedriver on a free port and drives headless Chromium through the
WebDriver HTTP API (sessions, navigation, elements, screenshots, the browser console log).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
ENTER, ESCAPE, ARROW_DOWN, DELETE = "\ue007", "\ue00c", "\ue015", "\ue017"


def available() -> bool:
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


# Browser tests skip on a machine without Chromium, but never in CI: there a missing browser fails.
needs_browser = pytest.mark.skipif(
    not available() and os.environ.get("CI") != "true",
    reason="needs /usr/bin/chromium and /usr/bin/chromedriver",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class WebDriverError(RuntimeError):
    pass


class Browser:
    """One chromedriver process and one headless browser session."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [str(CHROMEDRIVER), f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait_ready()
        capabilities = {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": str(CHROMIUM),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,1000"],
            },
        }  # fmt: skip
        session = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = f"/session/{session['sessionId']}"

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if self._call("GET", "/status").get("ready"):
                    return
            except (OSError, WebDriverError):
                pass
            time.sleep(0.1)
        raise WebDriverError("chromedriver did not become ready")

    def _call(self, method: str, path: str, payload: dict | None = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise WebDriverError(f"{method} {path}: {error.read().decode()[:500]}") from error
        return body.get("value", body)

    def cmd(self, method: str, path: str, payload: dict | None = None) -> Any:
        return self._call(method, self.session + path, payload)

    # ---------------------------------------------------------------- page
    def open(self, url: str) -> None:
        self.cmd("POST", "/url", {"url": url})

    def current_url(self) -> str:
        return self.cmd("GET", "/url")

    def source(self) -> str:
        return self.cmd("GET", "/source")

    def find(self, css: str) -> str:
        found = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        if not isinstance(found, dict) or ELEMENT_KEY not in found:
            raise WebDriverError(f"no element for {css!r}: {str(found)[:300]} on {self.current_url()}")
        return found[ELEMENT_KEY]

    def find_all(self, css: str) -> list[str]:
        return [
            e[ELEMENT_KEY] for e in self.cmd("POST", "/elements", {"using": "css selector", "value": css})
        ]

    def type(self, css: str, text: str) -> None:
        element = self.find(css)
        self.cmd("POST", f"/element/{element}/clear", {})
        self.cmd("POST", f"/element/{element}/value", {"text": text})

    def send_keys(self, css: str, text: str) -> None:
        """Type into the element without clearing it first (keys such as ENTER included)."""
        self.cmd("POST", f"/element/{self.find(css)}/value", {"text": text})

    def script(self, source: str, *args: Any) -> Any:
        """Run JavaScript in the page (``arguments[0]``... are args) and return its result."""
        return self.cmd("POST", "/execute/sync", {"script": source, "args": list(args)})

    def texts(self, css: str) -> list[str]:
        """The text of every element matching css, in document order."""
        return self.script(
            "return Array.from(document.querySelectorAll(arguments[0]), (e) => e.textContent.trim());", css
        )

    def click(self, css: str) -> None:
        self.cmd("POST", f"/element/{self.find(css)}/click", {})

    def wait_for(self, condition: Any, timeout: float = 10) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.1)
        return False

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.cmd("GET", "/screenshot")))

    def console_errors(self) -> list[str]:
        """SEVERE entries of the browser console since the last call (chromedriver's log endpoint)."""
        entries = self.cmd("POST", "/se/log", {"type": "browser"})
        return [e["message"] for e in entries if e.get("level") == "SEVERE"]

    def quit(self) -> None:
        try:
            self.cmd("DELETE", "")
        except (OSError, WebDriverError):
            pass
        self.process.terminate()
        self.process.wait(timeout=10)
