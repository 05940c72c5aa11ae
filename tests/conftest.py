"""Shared fixtures: configuration, a tiny synthetic world generated once per session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import settings

from vaxrecon.config import load_config
from vaxrecon.synth.generate import synthesize

TODAY = dt.date(2021, 11, 6)
# No test is timed: a loaded machine must not turn a slow example into a failure.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """No test sees a ./vaxrecon.yaml, $VAXRECON_CONFIG or ~/.vaxrecon ledger of the machine."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("VAXRECON_CONFIG", raising=False)


@pytest.fixture(scope="session")
def cfg():
    return load_config()


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    """Five lists (one per layout) of 120 rows against 4,000 people, with truth."""
    out = tmp_path_factory.mktemp("world")
    synthesize(out, load_config(), population=4000, lists=5, rows=120, seed=5)
    return out
