"""The Dask engine: the partitioned extract's steps (:mod:`vaxrecon.engines.partitioned`) run as
Dask tasks — on an existing cluster (``engine.scheduler``) or on a local cluster of
``engine.workers`` worker processes that vaxrecon starts and closes. The tasks are the in-process
functions, so results are identical; a task whose worker is lost is run again elsewhere.
"""

from __future__ import annotations

import atexit
import logging
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from vaxrecon.engines.partitioned import KEY_COLUMNS, BlockKeys
from vaxrecon.errors import InputError
from vaxrecon.matchers.blocking import RULES

log = logging.getLogger(__name__)
_RETRIES = 3  # a task whose worker dies is retried on another this many times
_KEYS_META = pd.DataFrame({c: pd.Series(dtype=np.int64) for c in KEY_COLUMNS})


class DaskMapper:
    """A mapper (see :data:`~vaxrecon.engines.partitioned.Mapper`) over a Dask cluster."""

    def __init__(self, scheduler: str, workers: int, key_rows: int = 200_000):
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise InputError(key="err.dask_missing") from e
        self.cluster = None
        self._keys: dict[tuple[str, ...], Any] = {}  # the extract's blocking keys, kept on the workers
        self.key_rows = key_rows  # the list's distinct keys per partition of a join
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as e:
                raise InputError(key="err.dask_scheduler", address=scheduler, why=str(e)) from e
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
            self.client = Client(self.cluster)
        log.info("Dask cluster: %d workers, dashboard %s", self.workers, self.dashboard)

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    @property
    def dashboard(self) -> str:
        return str(self.client.dashboard_link)

    def __call__(self, fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        """``fn`` of each item as a task on the cluster, results in item order."""
        futures = self.client.map(fn, items, pure=False, retries=_RETRIES)
        try:
            return list(self.client.gather(futures))
        finally:
            for f in futures:
                f.release()

    def join_rules(self, parts: list, l_rules: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """Per blocking rule, every extract row whose key the list uses (``ri`` and the key
        columns, in extract order): one distributed join per rule, both sides hash-partitioned by
        the rule's key, so the list's keys are never copied to every partition."""
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
            joins[rule] = side.merge(
                dd.from_pandas(listed, npartitions=n), on=cols, how="inner", shuffle_method="tasks"
            )
        done = self.client.compute(list(joins.values()), retries=_RETRIES)
        frames = self.client.gather(done)
        return {rule: f.sort_values("ri", kind="stable") for rule, f in zip(joins, frames, strict=True)}

    def close(self) -> None:
        """Close the client, and the local cluster when vaxrecon started it."""
        self._keys.clear()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


_OPEN: dict[tuple[str, int, int], DaskMapper] = {}


@atexit.register
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
    return _OPEN[key]
