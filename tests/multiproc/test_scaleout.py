"""One app on many processes over real Redis: 2 fronts behind nginx (no stickiness), 3 workers.

The clients see one app: results are right, ``gr.State`` follows the session from front to
front, concurrency limits hold across workers, and a worker killed mid-job costs nothing
but time (or, for a ``gr.non_idempotent`` function, gives a clear error).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from tests.multiproc.procs import Cluster
from tests.multiproc.scale import fn_index, in_thread, queue_event, runs, wait_for_runs

RESULT_TIMEOUT_S = 60.0
"""A retried job waits for its dead worker's lease to expire first."""


@pytest.fixture
def client(scale_cluster: Cluster) -> Iterator[Client]:
    connected = Client(scale_cluster.url, verbose=False)
    try:
        yield connected
    finally:
        connected.close()


def worker_pids(group: Cluster) -> set[int]:
    return {worker.pid for worker in group.workers if worker.is_alive()}


def test_results_come_from_workers_whichever_front_is_asked(
    scale_cluster: Cluster, client: Client
) -> None:
    jobs = [client.submit(f"t{i}", api_name="/whoami") for i in range(24)]
    results = [job.result(timeout=RESULT_TIMEOUT_S) for job in jobs]
    tags = [result.split("@")[0] for result in results]
    pids = {int(result.split("@")[1]) for result in results}
    assert tags == [f"t{i}" for i in range(24)]
    assert pids <= worker_pids(scale_cluster), "a function ran outside the workers"
    assert len(pids) >= 2, f"one worker ran everything: {pids}"
    assert client.predict("plain", api_name="/echo") == "plain"


def test_state_follows_the_session_across_fronts(scale_cluster: Cluster, client: Client) -> None:
    assert scale_cluster.nginx is not None
    mark = scale_cluster.nginx.log_mark()
    totals = [client.predict(amount, api_name="/add") for amount in (1, 2, 3, 4, 5, 6)]
    assert totals == [1, 3, 6, 10, 15, 21]
    nginx = scale_cluster.nginx
    # round robin: a session's joins and its streams alternate between the two fronts
    used = {*nginx.upstreams_of("POST", "/gradio_api/queue/join", mark),
            *nginx.upstreams_of("GET", "/gradio_api/queue/data", mark)}  # fmt: skip
    assert len(used) == 2, f"the session's requests all went to one front: {used}"
    other = Client(scale_cluster.url, verbose=False)  # another session starts at 0
    try:
        assert other.predict(10, api_name="/add") == 10
    finally:
        other.close()


def test_a_concurrency_limit_of_one_holds_across_workers(
    scale_cluster: Cluster, client: Client, module_records: Path
) -> None:
    jobs = [client.submit(f"lim{i}", api_name="/limited") for i in range(6)]
    assert sorted(job.result(timeout=RESULT_TIMEOUT_S) for job in jobs) == [
        f"lim{i}" for i in range(6)
    ]
    done = runs(module_records, "lim")
    assert len(done) == 6
    for before, after in itertools.pairwise(done):
        assert before.end is not None
        assert after.start >= before.end, f"{before} and {after} overlapped"
    assert len({run.pid for run in done}) >= 2, "one worker ran them all: nothing was shared"


def test_a_job_whose_worker_is_killed_runs_again_on_another(
    scale_cluster: Cluster, client: Client, module_records: Path
) -> None:
    job = client.submit("k1", api_name="/slow")
    (first,) = wait_for_runs(module_records, "k1")
    victim = scale_cluster.worker_with_pid(first.pid)
    victim.kill9()
    try:
        assert job.result(timeout=RESULT_TIMEOUT_S) == "done k1"
        attempts = runs(module_records, "k1")
        assert [run.pid == first.pid for run in attempts] == [True, False]
        assert attempts[0].end is None  # the first run died with its worker
        assert attempts[1].end is not None
    finally:
        scale_cluster.add_worker()


def test_a_non_idempotent_job_whose_worker_is_killed_fails_clearly(
    scale_cluster: Cluster, client: Client, module_records: Path
) -> None:
    job = client.submit("c1", api_name="/charge")
    (first,) = wait_for_runs(module_records, "c1")
    scale_cluster.worker_with_pid(first.pid).kill9()
    try:
        with pytest.raises(AppError) as caught:
            job.result(timeout=RESULT_TIMEOUT_S)
        assert "worker" in str(caught.value).lower(), str(caught.value)
        assert len(runs(module_records, "c1")) == 1  # never run twice
        assert client.predict("after", api_name="/echo") == "after"
    finally:
        scale_cluster.add_worker()


def test_a_thousand_events_survive_a_killed_worker(
    fresh_cluster: Callable[..., AbstractContextManager[Cluster]],
) -> None:
    with fresh_cluster(fronts=2, workers=3) as group:
        config = httpx.get(f"{group.url}/config", timeout=10).json()
        index = fn_index(config, "step")
        completed: list[str] = []

        async def load() -> None:
            a_third_done = asyncio.Event()

            async with httpx.AsyncClient(base_url=group.url, timeout=RESULT_TIMEOUT_S) as http:

                async def session(number: int) -> None:
                    for event in range(20):
                        text = f"s{number}e{event}"
                        message = await queue_event(http, index, [text])
                        assert message["success"] is True, message
                        assert message["output"]["data"] == [text], message
                        completed.append(text)
                        if len(completed) == 300:
                            a_third_done.set()

                async def killer() -> None:
                    await a_third_done.wait()
                    group.workers[0].kill9()

                await asyncio.gather(killer(), *(session(n) for n in range(50)))

        in_thread(load)
        assert not group.workers[0].is_alive()
        assert sorted(completed) == sorted(f"s{n}e{e}" for n in range(50) for e in range(20))
