"""The web load test's figures: phases summarised, targets judged on the target load, errors
judged everywhere, headroom found on the ladder. Pure functions of samples, no server."""

from __future__ import annotations

import http.server
import socket
import threading
from typing import Any

from ntm.bench._load import Client
from ntm.bench._web_figures import headroom, lines, meets_targets, summary, targets
from ntm.bench.web import _client_loop


def _phase(dashboard_ms: list[float], save_ms: list[float], *, wall: float = 10.0,
           codes: tuple[int, ...] = ()) -> dict[str, Any]:  # fmt: skip
    samples = [("dashboard", ms / 1000, 200, "cached") for ms in dashboard_ms]
    samples += [("save", ms / 1000, 200, None) for ms in save_ms]
    samples += [("save", 0.01, code, None) for code in codes]
    cpu = {"server": 1.0, "postgres": 0.5, "client": 0.1, "machine_busy": 2.0,
           "machine_total": 20.0}  # fmt: skip
    return summary(samples, wall, cpu)


def test_a_phase_counts_conflicts_apart_from_errors_and_reads_cpu_per_request() -> None:
    g = _phase([10.0] * 30, [20.0] * 9, codes=(409, 500))
    assert (g["requests"], g["save_requests"], g["conflicts"], g["errors"]) == (41, 9, 1, 1)
    assert g["error_codes"] == ["save:500"]
    assert g["throughput_rps"] == 4.1
    assert round(g["cpu_ms_per_request"]["server"], 3) == round(1000 / 41, 3)
    assert g["dashboard"]["p95"] == 0.010 and g["save"]["max"] == 0.020
    assert g["dashboard_cached"] == 30


def test_the_targets_are_judged_on_the_target_load_and_errors_in_every_phase() -> None:
    load = _phase([20.0] * 95 + [300.0] * 4, [40.0] * 30)  # p95 within the fast samples
    slow_saturation = _phase([900.0] * 50, [800.0] * 10)
    figures = {"clients": 50, "pause_seconds": 2.0, "load": load, "ladder": [],
               "saturation": slow_saturation}  # fmt: skip
    verdicts = targets(figures)
    assert [t.passed for t in verdicts] == [True, True, True]
    assert "20 ms" in verdicts[0].detail and "40 ms" in verdicts[1].detail
    # An error anywhere, even when the machine is saturated, fails the "no error" target.
    figures["saturation"] = _phase([900.0] * 50, [800.0] * 10, codes=(502,))
    verdicts = targets(figures)
    assert [t.passed for t in verdicts] == [True, True, False]
    assert verdicts[2].detail == "không nghỉ: 1 lỗi"
    # A slow target load fails its own target.
    figures["load"] = _phase([150.0] * 100, [40.0] * 30)
    assert [t.passed for t in targets(figures)][:2] == [False, True]


def test_headroom_is_the_busiest_step_that_still_meets_every_target() -> None:
    load = _phase([30.0] * 40, [30.0] * 10, wall=40.0)  # 1,25 requests/s
    fast = _phase([60.0] * 80, [60.0] * 20, wall=50.0)  # 2 requests/s, targets held
    too_fast = _phase([200.0] * 160, [90.0] * 40, wall=40.0)  # 5 requests/s, dashboard missed
    assert meets_targets(fast) and not meets_targets(too_fast)
    assert headroom([load, fast, too_fast]) is fast
    assert headroom([too_fast]) is None
    fast["pause_seconds"], too_fast["pause_seconds"] = 1.0, 0.5
    figures = {"clients": 50, "pause_seconds": 2.0, "load": load, "ladder": [fast, too_fast],
               "saturation": too_fast, "floor": {"throughput_rps": 900.0,
               "latency": {"p95": 0.05}}, "server_workers": 2, "server_threads": 4,
               "cache": "locmem", "server_ready_seconds": 8.0, "cpus": 2, "load_before": 0.5,
               "load_after": 1.0}  # fmt: skip
    text = "\n".join(lines(figures))
    assert "nghỉ ≈1,0 giây: 2 yêu cầu/giây" in text
    assert "giữ được mục tiêu" in text and "trượt mục tiêu" in text
    # 1,6 × the target load's rate: about 1,6 × as many people working the same way.
    assert "Mục tiêu còn giữ tới 2 yêu cầu/giây, tức khoảng 80 người dùng" in text
    assert "50 ÷ thông lượng = 10.000 ms" in text


class _FlakyServer(http.server.BaseHTTPRequestHandler):
    """Dashboards answer; the first save fails with an HTML 500, later ones get no answer."""

    protocol_version = "HTTP/1.1"
    saves = 0

    def do_GET(self) -> None:
        self._answer(200, b"<html></html>", {"X-Dashboard-Figures": "cached"})

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).saves += 1
        if type(self).saves == 1:
            self._answer(500, b"<h1>Server Error</h1>", {})
        else:  # no answer at all, to the request and to the client's one retry
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

    def _answer(self, code: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(code)
        for k, v in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_a_client_counts_a_500_and_a_dropped_connection_as_errors_and_goes_on() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FlakyServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out: list[Any] = []
        commune = [7, 3, 1]
        _client_loop(Client(server.server_address[1]), 1, commune, 8, out, 0.0)
    finally:
        server.shutdown()
    assert [k for k, *_ in out] == ["dashboard"] * 3 + ["save"] + ["dashboard"] * 3 + ["save"]
    assert [c for k, _s, c, _f in out if k == "save"] == [500, 0]
    assert commune == [7, 3, 1]  # nothing was saved: the version and status are unchanged
    g = summary(out, 1.0, {})
    assert (g["errors"], g["error_codes"]) == (2, ["save:0", "save:500"])
    assert g["dashboard_cached"] == 6
