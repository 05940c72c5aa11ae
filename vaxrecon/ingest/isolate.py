"""Run a native parser in a forked child with capped memory, so that a damaged file which makes
it abort (a Rust panic on a corrupt length, an allocation of 86 GB) stops the child, not vaxrecon.
Used for the binary and OpenDocument formats, which the zip-level checks cannot vet."""

from __future__ import annotations

import faulthandler
import os
import pickle
import resource
from collections.abc import Callable
from typing import TypeVar

from vaxrecon.errors import InputError

T = TypeVar("T")


def _address_space() -> int:
    """This process's current virtual size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run_isolated(call: Callable[[], T], name: str, memory_mb: int) -> T:
    """``call()`` in a forked child allowed ``memory_mb`` more memory; its InputError is raised
    here as it was; if the child dies or fails otherwise, an InputError names the file."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.close(read_end)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # a native abort prints a backtrace
            faulthandler.disable()
            if (base := _address_space()) > 0:
                cap = base + memory_mb * 1024 * 1024
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            try:
                payload = pickle.dumps((True, call()), protocol=pickle.HIGHEST_PROTOCOL)
            except InputError as e:  # passed on whole: its message key speaks the user's language
                payload = pickle.dumps((False, (str(e), e.key, e.params)))
            with os.fdopen(write_end, "wb") as fh:
                fh.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        payload = fh.read()
    os.waitpid(pid, 0)
    if not payload:
        raise InputError(key="err.reader_stopped", file=name)
    ok, value = pickle.loads(payload)
    if not ok:
        message, key, params = value
        raise InputError(message, key=key, **params)
    return value
