"""describe_os_error: file-system errors in the interface language, never the system's English."""

from __future__ import annotations

import errno

import pytest

from grow_app.errors import describe_os_error
from grow_app.i18n import set_language


@pytest.mark.parametrize(
    ("code", "dutch"),
    [
        (errno.ENOENT, "bestaat niet"),
        (errno.EACCES, "geen toegang"),
        (errno.EPERM, "geen toegang"),
        (errno.EISDIR, "is een map"),
        (errno.ENOTDIR, "een deel van het pad is geen map"),
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EROFS, "de schijf is alleen-lezen"),
        (errno.EEXIST, "bestaat al"),
    ],
)
def test_common_errors_in_dutch(code, dutch):
    assert describe_os_error(OSError(code, "English text from the system")) == dutch


def test_real_errors_from_the_file_system(tmp_path):
    with pytest.raises(OSError) as missing:
        (tmp_path / "weg.txt").read_text()
    assert describe_os_error(missing.value) == "bestaat niet"
    with pytest.raises(OSError) as folder:
        tmp_path.read_text()
    assert describe_os_error(folder.value) == "is een map"


def test_unlisted_and_numberless_errors_never_show_english():
    assert describe_os_error(OSError(errno.ECONNRESET, "Connection reset by peer")) == (
        "systeemfout (ECONNRESET)"
    )
    assert describe_os_error(OSError("something")) == "onbekende systeemfout"


def test_english_interface():
    set_language("en")
    assert describe_os_error(FileNotFoundError(errno.ENOENT, "x")) == "does not exist"
