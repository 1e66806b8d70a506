"""The one way the benchmarks time things: the median of many runs, after a warm-up run."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def median_ms(action: Callable[[], object], runs: int, warm_up: bool = True) -> float:
    if warm_up:
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def fastest_rounds(
    actions: dict[str, Callable[[], object]], rounds: int, clock: Callable[[], float] = time.perf_counter
) -> dict[str, float]:
    """Seconds of each action's fastest run: after a warm-up, the actions run in turn, `rounds` times, so that
    a baseline and what is compared with it see the same machine (the same load, the same clock speed).
    `clock=time.thread_time` counts only the time the thread ran, not the time other processes took."""
    for action in actions.values():
        action()
    best = dict.fromkeys(actions, float("inf"))
    for _ in range(rounds):
        for name, action in actions.items():
            start = clock()
            action()
            best[name] = min(best[name], clock() - start)
    return best
