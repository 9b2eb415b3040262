"""Start-up: from spawning the greet app's process to its first HTTP 200 on ``/``.

``GET /`` is polled every 5 ms; the figure is the median of a few cold
starts (interpreter start, import, app build and server bind included).
"""

from __future__ import annotations

from app_server import AppServer
from harness import Figure, emit, median, parse_args

RUNS = 3
BUDGET_S = 0.5


def main() -> None:
    """Start the greet app a few times and report the median time to first 200."""
    args = parse_args(__doc__ or "")
    times = []
    for _ in range(RUNS):
        server = AppServer("greet", args.impl, python=args.app_python)
        try:
            server.start()
            times.append(server.wait_ready())
        finally:
            server.stop()
    figures = [
        Figure("start-up to first 200 on / (median)", median(times), "s", BUDGET_S),
        Figure("start-up (worst)", max(times), "s"),
    ]
    emit("startup", args.impl, figures)


if __name__ == "__main__":
    main()
