"""Bundles, the comparison exports and the demo run without Textual (CLI, batch jobs)."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "grow_app.export.bundle",
    "grow_app.export.compare_docx",
    "grow_app.export.compare_csv",
    "grow_app.services.bundles",
    "grow_app.services.compare",
    "grow_app.services.demo",
    "grow_app.cli.bundles",
]


def test_bundle_and_compare_modules_do_not_import_textual():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in MODULES)
        + "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
