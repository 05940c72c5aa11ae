"""The Dask engine on the terminal: the dashboard's address once the cluster is open, and the
scheduler's progress (the current step's tasks done, the workers' memory) as a bar under the step
bar of :class:`~vaxrecon.render.StepProgress`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import TaskID

from vaxrecon.text import Count, t

if TYPE_CHECKING:
    from vaxrecon.render import StepProgress


@contextmanager
def cluster_progress(steps: StepProgress, console: Console, cfg: Any, quiet: bool) -> Iterator[None]:
    """While the block runs on the Dask engine: print the dashboard's address (unless ``quiet``)
    and show the scheduler's task progress on ``steps``' bar (when it is shown). Nothing for the
    local engine."""
    if cfg["engine"]["name"] != "dask":
        yield
        return
    from vaxrecon.engines.cluster import watching  # the optional extra, only on the Dask engine

    lang, bar = cfg["lang"], steps.bar
    task: list[TaskID] = []

    def show(event: dict) -> None:
        if event["kind"] == "cluster":
            if not quiet:
                console.print(
                    t("progress.dask", lang, dashboard=event["dashboard"], workers=event["workers"])
                )
            return
        if bar is None:
            return
        what = t(
            "progress.dask_tasks",
            lang,
            step=t(f"progress.dask_step.{event['step']}", lang),
            done=Count(event["done"]),
            total=Count(event["total"]),
            memory=f"{event['memory'] / 2**30:.1f}",
        )
        if not task:
            task.append(bar.add_task(what, total=event["total"]))
        bar.update(task[0], description=what, completed=event["done"], total=event["total"])

    with watching(show):
        yield
