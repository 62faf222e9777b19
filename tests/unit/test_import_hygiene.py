"""The core and the exports must never pull in Textual: they run in the CLI and in batch jobs."""

from __future__ import annotations

import subprocess
import sys


def below_ui() -> list[str]:
    """Every module of the packages below the ui (and the command line), found on disk: a new
    module is checked without anyone adding it to a list."""
    import importlib
    import pkgutil

    import grow_app

    names = []
    for package in ("card", "store", "services", "export", "cli"):
        module = importlib.import_module(f"grow_app.{package}")
        names.append(module.__name__)
        names += [m.name for m in pkgutil.walk_packages(module.__path__, f"{module.__name__}.")]
    top = [m.name for m in pkgutil.iter_modules(grow_app.__path__) if not m.ispkg]
    names += [f"grow_app.{name}" for name in top if name not in ("__main__", "entry")]
    return names


def _loaded_after_import(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_nothing_below_the_ui_imports_textual():
    """Every module of card, store, services, export and cli, and the base modules: no
    Textual (nor rich), which only the ui may load. (The command line starts the ui by
    importing it inside the commands that run it, never at import.)"""
    modules = below_ui()
    assert "grow_app.services.snapshots" in modules and "grow_app.export.paper" in modules
    loaded = _loaded_after_import(modules)
    assert not {"textual", "textual_serve", "rich"} & loaded


def test_importing_the_package_has_no_side_effects(tmp_path):
    """Importing creates no folders and opens no database."""
    import os

    env = {**os.environ, "GROW_HOME": str(tmp_path / "home")}
    code = "import grow_app.cli, grow_app.store, grow_app.services.meeting, grow_app.ui.app"
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not (tmp_path / "home").exists()
