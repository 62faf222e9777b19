"""The core and the exports must never pull in Textual: they run in the CLI and in batch jobs."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "grow_app.card",
    "grow_app.store",
    "grow_app.services.meeting",
    "grow_app.services.partnerships",
    "grow_app.services.sessions",
    "grow_app.services.catalog",
    "grow_app.cli",
]


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_does_not_import_textual():
    loaded = _loaded_after_import(CORE_MODULES)
    assert "textual" not in loaded


def test_exports_do_not_import_textual():
    import pkgutil

    import grow_app.export

    modules = [f"grow_app.export.{m.name}" for m in pkgutil.iter_modules(grow_app.export.__path__)]
    loaded = _loaded_after_import(["grow_app.export", *modules])
    assert "textual" not in loaded


def test_importing_the_package_has_no_side_effects(tmp_path):
    """Importing creates no folders and opens no database."""
    import os

    env = {**os.environ, "GROW_HOME": str(tmp_path / "home")}
    code = "import grow_app.cli, grow_app.store, grow_app.services.meeting, grow_app.ui.app"
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not (tmp_path / "home").exists()
