"""The harness itself, on the in-memory backend: nginx spreads requests and passes streams."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from tests.multiproc.procs import Nginx, Proc, RedisProcess, free_port, gradiate_command, wait_http
from tests.multiproc.scale import APPS

PLAIN_APP = APPS / "plain_app.py"


def in_memory_front(folder: Path) -> tuple[Proc, int]:
    port = free_port()
    command = gradiate_command("serve", str(PLAIN_APP), "--port", str(port))
    proc = Proc(f"front-{port}", command, folder).start()
    wait_http(f"http://127.0.0.1:{port}/config", proc=proc)
    return proc, port


def test_nginx_sends_requests_to_every_front_and_past_a_killed_one(tmp_path: Path) -> None:
    fronts = [in_memory_front(tmp_path) for _ in range(2)]
    nginx = Nginx(tmp_path / "nginx", [port for _, port in fronts]).start()
    try:
        for _ in range(6):
            assert httpx.get(f"{nginx.url}/config", timeout=5).status_code == 200
        used = nginx.upstreams_of("GET", "/config")
        assert sorted(set(used)) == sorted(f"127.0.0.1:{port}" for _, port in fronts)
        fronts[0][0].kill9()
        assert not fronts[0][0].is_alive()
        for _ in range(4):
            assert httpx.get(f"{nginx.url}/config", timeout=5).status_code == 200
    finally:
        nginx.stop()
        for proc, _ in fronts:
            proc.stop()


def test_a_stream_through_nginx_is_not_buffered(tmp_path: Path) -> None:
    proc, port = in_memory_front(tmp_path)
    nginx = Nginx(tmp_path / "nginx", [port]).start()
    try:
        with httpx.Client(base_url=nginx.url, timeout=10) as client:
            event_id = client.post("/gradio_api/call/spell", json={"data": ["abcd"]}).json()[
                "event_id"
            ]
            arrivals: list[tuple[float, str]] = []
            with client.stream("GET", f"/gradio_api/call/spell/{event_id}") as response:
                for line in response.iter_lines():
                    if line.startswith("event:") and "heartbeat" not in line:
                        arrivals.append((time.monotonic(), line))
        kinds = [line for _, line in arrivals]
        assert kinds[0] == "event: generating"
        assert kinds[-1] == "event: complete"
        # four 0.3 s steps: the first step must arrive long before the last
        assert arrivals[-1][0] - arrivals[0][0] >= 0.6
    finally:
        nginx.stop()
        proc.stop()


def test_redis_restarts_on_its_port(tmp_path: Path) -> None:
    server = RedisProcess(tmp_path / "redis").start()
    try:
        assert server.ping()
        server.stop()
        assert not server.ping()
        server.start()
        assert server.ping()
    finally:
        server.stop()
