"""Progress that knows its own steps: each library function plans the steps it will announce."""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[str, int, int], None]


class Progress:
    """``plan(n)`` adds the n steps a function is about to take; calling it announces one step.

    The listener (a progress bar, a log) receives the message, the steps done and the total.
    """

    def __init__(self, listener: Listener | None = None) -> None:
        self.listener = listener
        self.total = 0
        self.done = 0

    def plan(self, steps: int) -> None:
        self.total += steps

    def __call__(self, message: str) -> None:
        self.done += 1
        if self.listener is not None:
            self.listener(message, self.done, max(self.total, self.done))


def as_progress(progress: Progress | Callable[[str], None] | None) -> Progress:
    """A Progress from what a caller passed: one already, a plain callback, or nothing."""
    if isinstance(progress, Progress):
        return progress
    if progress is None:
        return Progress()
    callback = progress
    return Progress(lambda message, _done, _total: callback(message))
