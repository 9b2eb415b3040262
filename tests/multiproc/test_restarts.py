"""Redis restarted under running processes, and the app under ``uvicorn --workers``."""

from __future__ import annotations

import sys
from pathlib import Path

from gradio_client import Client
from tests.multiproc.procs import (
    Proc,
    RedisProcess,
    child_env,
    cluster,
    free_port,
    gradiate_command,
    wait_http,
)
from tests.multiproc.scale import SCALE_APP, wait_for_runs

LOG_TIMEOUT_S = 60.0


def predict(url: str, *args: object, api_name: str) -> object:
    client = Client(url, verbose=False)
    try:
        return client.predict(*args, api_name=api_name)
    finally:
        client.close()


def test_processes_say_they_lost_redis_and_work_again_once_it_is_back(
    tmp_path: Path,
) -> None:
    redis = RedisProcess(tmp_path / "redis").start()
    try:
        env = {"MULTIPROC_RECORD_DIR": str(tmp_path)}
        with cluster(SCALE_APP, redis.url, tmp_path / "c", fronts=1, workers=1, env=env) as group:
            assert predict(group.url, "before", api_name="/echo") == "before"
            processes: list[Proc] = [*group.fronts, *group.workers]
            marks = [len(proc.log()) for proc in processes]
            redis.stop()
            for proc, mark in zip(processes, marks, strict=True):
                proc.wait_for_log("lost Redis", LOG_TIMEOUT_S, after=mark)
            redis.start()
            for proc, mark in zip(processes, marks, strict=True):
                proc.wait_for_log("reconnected", LOG_TIMEOUT_S, after=mark)
            assert predict(group.url, "after", api_name="/echo") == "after"
            assert all(proc.is_alive() for proc in processes)
    finally:
        redis.stop()


def test_uvicorn_workers_share_sessions_over_redis(fresh_redis_url: str, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = child_env(
        {"GRADIATE_APP": str(SCALE_APP), "GRADIATE_QUEUE_URL": fresh_redis_url,
         "MULTIPROC_RECORD_DIR": str(tmp_path)}
    )  # fmt: skip
    command = [sys.executable, "-m", "uvicorn", "gradiate.asgi:app", "--host", "127.0.0.1",
               "--port", str(port), "--workers", "2"]  # fmt: skip
    server = Proc("uvicorn", command, tmp_path, env).start()
    try:
        wait_http(f"{url}/config", proc=server)
        client = Client(url, verbose=False)
        try:
            # each request may reach either process: the session is in Redis
            assert [client.predict(n, api_name="/add") for n in (1, 2, 3, 4)] == [1, 3, 6, 10]
            assert client.predict("hi", api_name="/echo") == "hi"
        finally:
            client.close()
    finally:
        assert server.stop() is not None


def test_serve_with_several_http_processes_and_a_worker(
    fresh_redis_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = child_env({"MULTIPROC_RECORD_DIR": str(tmp_path)})
    serve = Proc(
        "serve",
        gradiate_command("serve", str(SCALE_APP), "--backend", fresh_redis_url, "--port", str(port),
                         "--workers", "2"),
        tmp_path, env,
    ).start()  # fmt: skip
    worker_command = gradiate_command("worker", str(SCALE_APP), "--backend", fresh_redis_url)
    worker = Proc("worker", worker_command, tmp_path, env).start()
    try:
        wait_http(f"http://127.0.0.1:{port}/config", proc=serve)
        worker.wait_for_log("worker running")
        result = predict(f"http://127.0.0.1:{port}", "w", api_name="/whoami")
        assert result == f"w@{worker.pid}"
    finally:
        worker.stop()
        serve.stop()
    assert "2 front processes" in serve.log()


def test_a_stopped_worker_finishes_its_running_job_first(
    fresh_redis_url: str, tmp_path: Path
) -> None:
    env = {"MULTIPROC_RECORD_DIR": str(tmp_path), "MULTIPROC_SLOW_S": "2"}
    with cluster(SCALE_APP, fresh_redis_url, tmp_path / "c", fronts=1, workers=1, env=env) as group:
        client = Client(group.url, verbose=False)
        try:
            job = client.submit("graceful", api_name="/slow")
            wait_for_runs(tmp_path, "graceful")
            # SIGTERM: the worker stops pulling, lets the job finish, then exits
            assert group.workers[0].stop(timeout_s=20) == 0
            assert job.result(timeout=30) == "done graceful"
        finally:
            client.close()
    assert "stopping: no new jobs" in group.workers[0].log()
