"""Helpers of the web load test: a keep-alive HTTP client, the login, and CPU accounting.

The client keeps cookies by hand: the server's cookies are marked Secure, which cookie jars
withhold over plain http on the loopback. CPU is read from /proc (Linux), so a run says what one
request cost the server, PostgreSQL and the client, and how busy the whole machine was.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import time
import urllib.parse
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.conn: http.client.HTTPConnection | None = None
        self.headers: Any = None  # the last response's headers

    def copy(self) -> Client:
        return Client(self.port, self.cookies)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(
        self, method: str, path: str, body: bytes | None = None, kind: str | None = None
    ) -> tuple[int, bytes, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method not in ("GET", "HEAD"):
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        if kind:
            headers["Content-Type"] = kind
        t0 = time.perf_counter()
        for attempt in (0, 1):  # a keep-alive connection the server closed is opened again
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
        seconds = time.perf_counter() - t0
        self.headers = response.headers
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, data, seconds

    def json(self, method: str, path: str) -> Any:
        code, data, _seconds = self.send(method, path)
        if code != 200:
            raise RuntimeError(f"{method} {path}: HTTP {code}")
        return json.loads(data)


def wait_ready(port: int, proc: Any, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("ntm serve dừng trước khi sẵn sàng (xem server.log)")
        try:
            code, _body, _s = Client(port).send("GET", "/healthz")
            if code == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"ntm serve không trả lời /healthz sau {timeout:.0f} giây")


def login(port: int, username: str, password: str) -> Client:
    client = Client(port)
    code, page, _s = client.send("GET", "/dang-nhap/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if code != 200 or token is None:
        raise RuntimeError("không mở được trang đăng nhập")
    form = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": token.group(1).decode()})  # fmt: skip
    code, _page, _s = client.send("POST", "/dang-nhap/", form.encode(),
                                  "application/x-www-form-urlencoded")  # fmt: skip
    if code != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"đăng nhập {username} không thành công (HTTP {code})")
    client.close()
    return client


def _proc_cpu(match: Any) -> float:
    """CPU seconds of the live processes ``match(stat_path, comm, session_id)`` accepts."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        comm, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :]
        fields = rest.split()
        if match(stat, comm, int(fields[3])):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _backend_of(stat: Path, database: str) -> bool:
    """A PostgreSQL backend serving ``database`` ("postgres: user db host(port) state")."""
    try:
        title = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return title.startswith("postgres: ") and f" {database} " in title


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the machine since boot."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(ticks[:8]) - idle) / hz, sum(ticks[:8]) / hz


def cpu_now(server_sid: int, database: str) -> dict[str, float]:
    """CPU seconds so far: the server's processes, the PostgreSQL backends of ``database`` (the
    server's connections, kept open), this client, and the whole machine (other work included)."""
    if not Path("/proc/stat").exists():
        return {}
    busy, total = _machine_cpu()
    t = os.times()
    return {
        "server": _proc_cpu(lambda _stat, _comm, sid: sid == server_sid),
        "postgres": _proc_cpu(lambda stat, comm, _sid: comm.startswith("postgres")
                              and _backend_of(stat, database)),
        "client": t.user + t.system, "machine_busy": busy, "machine_total": total,
    }  # fmt: skip
