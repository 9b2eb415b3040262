"""``delete_cache``: its default and what each value means (light enough for blocks.py)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_AGE_S = 24 * 3600.0
DEFAULT_MAX_BYTES = 20 * 1024**3
DEFAULT_SWEEP_EVERY_S = 600.0


class _Default(tuple):  # type: ignore[type-arg]
    """Stands for "clean-up on" (see ``gradiate.data.lifecycle``); an empty tuple."""

    def __repr__(self) -> str:
        return "DEFAULT_DELETE_CACHE"


DEFAULT_DELETE_CACHE: tuple[int, int] | None = _Default()  # type: ignore[assignment]
"""``delete_cache``'s default: clean-up on; ``None`` keeps Gradio's never-delete."""


@dataclass(frozen=True)
class CachePlan:
    """How one app's cache is cleaned."""

    sweep_every_s: float | None
    max_age_s: float | None
    max_bytes: int | None
    remove_at_exit: bool

    @classmethod
    def from_delete_cache(cls, delete_cache: object) -> CachePlan:
        """The plan for a ``delete_cache`` argument."""
        if delete_cache is DEFAULT_DELETE_CACHE:
            return cls(DEFAULT_SWEEP_EVERY_S, DEFAULT_MAX_AGE_S, DEFAULT_MAX_BYTES, True)
        if delete_cache is None:
            return cls(None, None, None, False)
        if (
            isinstance(delete_cache, (tuple, list))
            and len(delete_cache) == 2
            and all(isinstance(n, (int, float)) and n > 0 for n in delete_cache)
        ):
            frequency, age = delete_cache
            return cls(float(frequency), float(age), None, True)
        raise ValueError(
            f"delete_cache must be (frequency_s, age_s) with two positive numbers or None, "
            f"not {delete_cache!r}"
        )
