"""The order the suite runs in: the long tests spread over the workers, each worker's first.

pytest-xdist's ``worksteal`` hands each worker one contiguous stretch of the collected list (as
many tests each), then lets a worker that runs dry take half of the longest queue, from its end.
With the long tests (marked ``slow``) simply first, they all fell into the first stretch: one
worker ran every real process, browser and SIGKILL round one after the other (some 260 s of
wall time on a busy host, longer than the rest of the suite on the other three workers). Here
each stretch gets its share of them, by their expected time, at its front; the short tests fill
the stretches up and are what gets stolen.

A long test says how long it takes, where that is far from the usual few seconds:
``@pytest.mark.slow(seconds=40)``. The figures only need to be right relative to each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pytest

SLOW_SECONDS = 3.0
"""What a test marked ``slow`` without ``seconds`` is taken to last."""

Item = TypeVar("Item", bound=pytest.Item)


def expected_seconds(item: pytest.Item) -> float | None:
    """How long a long test is expected to take; None for the others."""
    marker = item.get_closest_marker("slow")
    if marker is None:
        return None
    return float(marker.kwargs.get("seconds", SLOW_SECONDS))


def stretch_sizes(count: int, workers: int) -> list[int]:
    """How many tests each worker gets at the start, as ``worksteal`` divides them."""
    sizes = []
    for left in range(workers, 0, -1):
        sizes.append((count - sum(sizes)) // left)
    return sizes


def spread(items: Sequence[Item], workers: int) -> list[Item]:
    """``items`` in the order to run them on ``workers`` workers (the same on every worker)."""
    long_tests = sorted(
        (item for item in items if expected_seconds(item) is not None),
        key=lambda item: -(expected_seconds(item) or 0.0),  # stable: ties keep their order
    )
    short_tests = [item for item in items if expected_seconds(item) is None]
    sizes = stretch_sizes(len(items), max(1, workers))
    stretches: list[list[Item]] = [[] for _ in sizes]
    loads = [0.0 for _ in sizes]
    for item in long_tests:  # the longest first, each to the stretch with the least so far
        room = [i for i, stretch in enumerate(stretches) if len(stretch) < sizes[i]]
        chosen = min(room, key=lambda i: (loads[i], i))
        stretches[chosen].append(item)
        loads[chosen] += expected_seconds(item) or 0.0
    rest = iter(short_tests)
    for stretch, size in zip(stretches, sizes, strict=True):
        stretch.extend(next(rest) for _ in range(size - len(stretch)))
    return [item for stretch in stretches for item in stretch]
