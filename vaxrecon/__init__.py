"""vaxrecon: verify vaccination registration lists against a population extract.

The public API, imported lazily so that ``vaxrecon --help`` stays fast::

    import vaxrecon
    result = vaxrecon.verify(["list.xlsx"], population="extract.csv")
    result.results          # one row per data row read, as results.csv
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# What vaxrecon logs is for the operator's log (a handler the caller attaches, as the CLI's
# --log does); the user is told in their language. Without any handler, Python would print the
# English log lines of warnings on the terminal.
logging.getLogger(__name__).addHandler(logging.NullHandler())

_EXPORTS = {
    "verify": "vaxrecon.pipeline",
    "verify_frames": "vaxrecon.pipeline",
    "load_extract": "vaxrecon.pipeline",
    "Extract": "vaxrecon.pipeline",
    "run_job": "vaxrecon.workflow",
    "clean": "vaxrecon.campaign.clean",
    "CleanResult": "vaxrecon.campaign.clean",
    "VerifyResult": "vaxrecon.result",
    "load_config": "vaxrecon.config",
    "Config": "vaxrecon.config",
    "Status": "vaxrecon.reasons",
    "Reason": "vaxrecon.reasons",
    "VaxreconError": "vaxrecon.errors",
    "InputError": "vaxrecon.errors",
    "ConfigError": "vaxrecon.errors",
}
__all__ = [
    "CleanResult",
    "Config",
    "ConfigError",
    "Extract",
    "InputError",
    "Reason",
    "Status",
    "VaxreconError",
    "VerifyResult",
    "__version__",
    "clean",
    "load_config",
    "load_extract",
    "run_job",
    "verify",
    "verify_frames",
]

if TYPE_CHECKING:
    from vaxrecon.campaign.clean import CleanResult, clean
    from vaxrecon.config import Config, load_config
    from vaxrecon.errors import ConfigError, InputError, VaxreconError
    from vaxrecon.pipeline import Extract, load_extract, verify, verify_frames
    from vaxrecon.reasons import Reason, Status
    from vaxrecon.result import VerifyResult
    from vaxrecon.workflow import run_job


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vaxrecon' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
