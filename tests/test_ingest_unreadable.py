"""A file the system will not let vaxrecon open (no permission, or held open by another program
on Windows) is refused in the user's language, not with the system's English words."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from vaxrecon.errors import InputError
from vaxrecon.ingest.workbook import check_file


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "không có quyền đọc"),
        (OSError(errno.EIO, "Input/output error"), "EIO"),
    ],
)
def test_an_unopenable_file_is_said_in_vietnamese(tmp_path, monkeypatch, error, says):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(b"PK\x03\x04")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise error
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as e:
        check_file(path, {".xlsx"})
    vi = e.value.text("vi")
    assert says in vi and "denied" not in vi and "error" not in vi, vi
