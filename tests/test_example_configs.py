"""The example configurations users copy load cleanly and change what they say they change."""

from pathlib import Path

import pytest

from vaxrecon.config import load_config

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "config").glob("*.yaml"))


def test_there_are_examples_for_a_commune_a_province_and_a_facility():
    assert {p.stem for p in EXAMPLES} >= {"commune", "province", "facility"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_loads_and_overrides_the_defaults(path):
    cfg = load_config(path)
    assert cfg.sources == ["packaged defaults", str(path)]
    assert cfg.digest() != load_config().digest()
