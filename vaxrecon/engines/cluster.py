"""The Dask engine: the partitioned extract's steps (:mod:`vaxrecon.engines.partitioned`) run as
Dask tasks — on an existing cluster (``engine.scheduler``) or on a local cluster of
``engine.workers`` worker processes that vaxrecon starts and closes. The tasks are the in-process
functions, so results are identical; a task whose worker is lost is run again elsewhere.
"""

from __future__ import annotations

import atexit
import logging
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from vaxrecon.engines.partitioned import KEY_COLUMNS, BlockKeys
from vaxrecon.errors import InputError, VaxreconError
from vaxrecon.matchers.blocking import RULES

log = logging.getLogger(__name__)
# A task that raises is retried this many times; a step whose scattered data a lost worker held
# is sent again this many times.
_RETRIES = 3
T = TypeVar("T")
_KEYS_META = pd.DataFrame({c: pd.Series(dtype=np.int64) for c in KEY_COLUMNS})
# What each step's tasks do, as the events name it (see :func:`watching`).
STEPS = {
    "_Normalise": "normalise",
    "_Shared": "shared_ids",
    "_Counts": "counts",
    "_Join": "join",
    "_Gather": "gather",
    "_IdPositions": "shared_ids",
    "_Decide": "decide",
}
Listener = Callable[[dict], None]
_LISTENERS: list[Listener] = []


@contextmanager
def watching(listener: Listener) -> Iterator[None]:
    """Events of the clusters opened and their tasks, while the block runs: ``{"kind": "cluster",
    "dashboard", "workers"}`` when a cluster is open, ``{"kind": "tasks", "step", "done", "total",
    "memory"}`` as the scheduler reports tasks done (``memory``: bytes the workers hold, from the
    scheduler, read at most once a second)."""
    _LISTENERS.append(listener)
    for mapper in _OPEN.values():
        listener(mapper.opened())
    try:
        yield
    finally:
        _LISTENERS.remove(listener)


def _tell(event: dict) -> None:
    for listener in list(_LISTENERS):
        listener(event)


def _apply(item: Any, fn: Callable[[Any], Any]) -> Any:
    return fn(item)


class DaskMapper:
    """A mapper (see :data:`~vaxrecon.engines.partitioned.Mapper`) over a Dask cluster."""

    def __init__(self, scheduler: str, workers: int, key_rows: int = 200_000):
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise InputError(key="err.dask_missing") from e
        self.cluster = None
        self._keys: dict[tuple[str, ...], Any] = {}  # the extract's blocking keys, kept on the workers
        self._held: tuple[Any, Any] | None = None  # (function, its copy on every worker)
        self.key_rows = key_rows  # the list's distinct keys per partition of a join
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="20s")
            except OSError as e:
                raise InputError(key="err.dask_scheduler", address=scheduler, why=str(e)) from e
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
            self._client = Client(self.cluster)
        self.address, self._pid = self._client.scheduler.address, os.getpid()
        log.info("Dask cluster: %d workers, dashboard %s", self.workers, self.dashboard)
        _tell(self.opened())

    @property
    def client(self) -> Any:
        """This process's client of the cluster: a process forked from the one that opened it (a
        worker of ``clean``) connects anew to the same scheduler."""
        if os.getpid() != self._pid:
            from distributed import Client

            self._client, self._pid, self._keys, self._held = Client(self.address), os.getpid(), {}, None
        return self._client

    def opened(self) -> dict:
        """The event that says the cluster is open (see :func:`watching`)."""
        return {"kind": "cluster", "dashboard": self.dashboard, "workers": self.workers}

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    @property
    def dashboard(self) -> str:
        return str(self.client.dashboard_link)

    def __call__(self, fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        """``fn`` of each item as a task on the cluster, results in item order. ``fn`` (with the
        model it may carry) is sent to every worker once, not with each task. Each item is
        scattered to a worker (a decide task's rows and pairs are megabytes: in the task graph
        they would pass through the scheduler); an item lost with its worker is sent again."""
        from distributed import wait

        client, step = self.client, STEPS.get(type(fn).__name__, type(fn).__name__)
        done: dict[int, Any] = {}
        todo, lost = list(range(len(items))), 0
        while todo:
            if self._held is None or self._held[0] is not fn:
                self._held = (fn, client.scatter(fn, broadcast=True, hash=False))
            data = client.scatter([items[i] for i in todo], hash=False)
            futures = client.map(_apply, data, fn=self._held[1], pure=False, retries=_RETRIES)
            try:
                self._watch(futures, step)
                with suppress(CancelledError):  # said by the futures' status below
                    wait(futures)
                self._raise_failed(futures)
                ready = [k for k, f in enumerate(futures) if f.status == "finished"]
                results = client.gather([futures[k] for k in ready])
                done.update(zip([todo[k] for k in ready], results, strict=True))
            finally:
                for f in [*futures, *data]:
                    f.release()
            todo = [i for i in todo if i not in done]
            if todo:  # cancelled: the scheduler cannot rebuild data only the client holds
                lost = self._lost(lost)
        return [done[i] for i in range(len(items))]

    def _lost(self, lost: int) -> int:
        """One more time a worker was lost with data only the client holds: the count, after
        which the step is sent again; past ``_RETRIES`` times the run ends with one sentence."""
        if lost >= _RETRIES:
            raise VaxreconError(key="err.dask_lost", tries=lost + 1)
        log.warning("a Dask worker was lost with its data: the step is sent again")
        self._held = None  # the function's copies may be gone too
        return lost + 1

    @staticmethod
    def _raise_failed(futures: list) -> None:
        """The error of the first task that raised (after its retries)."""
        for f in futures:
            if f.status == "error":
                raise f.exception()

    def _retried(self, run: Callable[[], T]) -> T:
        """``run()`` (a computation over persisted and scattered data), run again when a worker
        was lost with data only the client can send again; a task that kills every worker it
        runs on ends the run with one sentence."""
        from distributed.scheduler import KilledWorker

        lost = 0
        while True:
            try:
                return run()
            except KilledWorker as e:
                raise VaxreconError(key="err.dask_killed") from e
            except CancelledError:
                lost = self._lost(lost)

    def _watch(self, futures: list, step: str) -> None:
        """Tell the listeners of each task done, with the workers' memory, until all are."""
        if not _LISTENERS:
            return
        from distributed import as_completed

        done, seen = 0, 0.0
        for _ in as_completed(futures):
            done += 1
            if time.monotonic() - seen >= 1 or done == len(futures):
                seen = time.monotonic()
                _tell(
                    {
                        "kind": "tasks",
                        "step": step,
                        "done": done,
                        "total": len(futures),
                        "memory": self.memory(),
                    }
                )

    def memory(self) -> int:
        """Bytes held by the cluster's worker processes, as the scheduler last heard."""
        workers = self.client.scheduler_info(n_workers=-1)["workers"].values()
        return int(sum(w.get("metrics", {}).get("memory", 0) for w in workers))

    def join_rules(self, parts: list, l_rules: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Per blocking rule, every extract row whose key the list uses (``ri`` and the key
        columns, in extract order): one distributed join per rule, both sides hash-partitioned by
        the rule's key, so the list's keys are never copied to every partition."""
        return self._retried(lambda: self._join_rules(parts, l_rules))

    def _join_rules(self, parts: list, l_rules: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        import dask.dataframe as dd

        spills = tuple(p.spill for p in parts)
        if spills not in self._keys:  # once per extract: every later run joins the same keys
            self._keys = {spills: dd.from_map(BlockKeys(), parts, meta=_KEYS_META).persist()}
        keys = self._keys[spills]
        wanted = {rule: l_idx for rule, l_idx in l_rules.items() if len(l_idx)}
        joins = {}
        for rule, l_idx in wanted.items():
            cols = RULES[rule]
            side = keys[["ri", *cols]]
            side = side[(side[cols] > 0).all(axis=1)]
            listed = l_idx[cols].drop_duplicates()
            n = max(1, min(side.npartitions, -(-len(listed) // self.key_rows)))  # one: a broadcast join
            cuts = np.linspace(0, len(listed), n + 1).astype(int)
            pieces = self.client.scatter(
                [listed.iloc[a:b] for a, b in zip(cuts[:-1], cuts[1:], strict=True)], hash=False
            )
            joins[rule] = side.merge(
                dd.from_delayed(pieces, meta=listed.iloc[:0], verify_meta=False),
                on=cols,
                how="inner",
                shuffle_method="tasks",
            )
        done = self.client.compute(list(joins.values()), retries=_RETRIES)
        self._watch(done, "join")
        frames = self.client.gather(done)
        return {rule: f.sort_values("ri", kind="stable") for rule, f in zip(joins, frames, strict=True)}

    def close(self) -> None:
        """Close the client, and the local cluster when vaxrecon started it."""
        self._keys.clear()
        self._held = None
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


_OPEN: dict[tuple[str, int, int], DaskMapper] = {}


def close_clusters() -> None:
    """Close every client this process opened (and the local clusters it started)."""
    while _OPEN:
        _OPEN.popitem()[1].close()


def dask_mapper(cfg: dict) -> DaskMapper:
    """The cluster of the configuration (``engine.scheduler``, ``engine.workers``), opened once per
    process and closed at exit."""
    key = (cfg["engine"]["scheduler"], int(cfg["engine"]["workers"]), int(cfg["engine"]["rows_per_task"]))
    if key not in _OPEN or _OPEN[key].client.status != "running":
        _OPEN[key] = DaskMapper(*key)
        # Registered after distributed's own exit handlers, so it runs before them: the client
        # lets go of its data before the local cluster's workers are stopped (no "lost data" logs).
        atexit.unregister(close_clusters)
        atexit.register(close_clusters)
    return _OPEN[key]
