"""Builders for the queue messages of Gradio's ``sse_v3`` protocol (PROTOCOL.md §4)."""

from __future__ import annotations

from typing import Any

CLOSE_STREAM: dict[str, Any] = {"msg": "close_stream", "event_id": None}
HEARTBEAT: dict[str, Any] = {"msg": "heartbeat", "event_id": None}
SESSION_NOT_FOUND: dict[str, Any] = {
    "msg": "unexpected_error",
    "event_id": None,
    "message": "404: Not Found",
    "session_not_found": True,
    "success": False,
}


def estimation(event_id: str, rank: int, queue_size: int, rank_eta: float | None) -> dict[str, Any]:
    """The event's place in its queue."""
    return {
        "msg": "estimation",
        "event_id": event_id,
        "rank": rank,
        "queue_size": queue_size,
        "rank_eta": rank_eta,
    }


def process_starts(event_id: str, eta: float | None) -> dict[str, Any]:
    """A worker picked the event up."""
    return {"msg": "process_starts", "event_id": event_id, "eta": eta}


def _output(data: list[Any], is_generating: bool, duration: float, average: float | None,
            changed_state_ids: list[int]) -> dict[str, Any]:  # fmt: skip
    return {
        "data": data,
        "is_generating": is_generating,
        "duration": duration,
        "average_duration": average,
        "render_config": None,
        "changed_state_ids": changed_state_ids,
        "used_cache": None,
    }


def process_generating(
    event_id: str, data: list[Any], duration: float, average: float | None,
    changed_state_ids: list[int],
) -> dict[str, Any]:  # fmt: skip
    """One yield of a generator (``data`` full the first time, edit lists after)."""
    return {
        "msg": "process_generating",
        "event_id": event_id,
        "output": _output(data, True, duration, average, changed_state_ids),
        "success": True,
        "time_limit": None,
    }


def process_completed(
    event_id: str, data: list[Any], duration: float, average: float | None,
    changed_state_ids: list[int],
) -> dict[str, Any]:  # fmt: skip
    """The event's final, full outputs."""
    return {
        "msg": "process_completed",
        "event_id": event_id,
        "output": _output(data, False, duration, average, changed_state_ids),
        "success": True,
        "title": None,
        "used_cache": None,
        "cache_duration": duration,
        "avg_time": average,
    }


def process_failed(
    event_id: str, error: str | None, title: str = "Error",
    duration: float | None = None, visible: bool = True,
) -> dict[str, Any]:  # fmt: skip
    """The event ended with an error; ``error`` None means "not shown to the user"."""
    output: dict[str, Any] = {"error": error}
    if error is not None:
        output.update({"duration": duration, "visible": visible, "title": title})
    return {
        "msg": "process_completed",
        "event_id": event_id,
        "output": output,
        "success": False,
        "title": title,
        "used_cache": None,
        "cache_duration": None,
        "avg_time": None,
    }


def process_cancelled(event_id: str) -> dict[str, Any]:
    """The event was cancelled; Gradio ends it with an empty, successful output."""
    return {
        "msg": "process_completed",
        "event_id": event_id,
        "output": {},
        "success": True,
        "title": None,
        "used_cache": None,
        "cache_duration": None,
        "avg_time": None,
    }
