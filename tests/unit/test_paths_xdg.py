"""On Linux grow finds its folders without importing platformdirs: the answer must be the same."""

from __future__ import annotations

import sys

import pytest

from grow_app.paths import app_dirs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_DATA_HOME": "/srv/data", "XDG_CONFIG_HOME": "/srv/conf", "XDG_CACHE_HOME": "/tmp/c"},
        {"XDG_DATA_HOME": "relatief/pad", "XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": "~/cache"},
    ],
    ids=["defaults", "absolute", "relative-ignored"],
)
def test_the_same_folders_as_platformdirs(monkeypatch, tmp_path, env):
    import platformdirs

    monkeypatch.delenv("GROW_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = app_dirs()
    assert str(found.data) == platformdirs.user_data_dir("grow", appauthor=False)
    assert str(found.config) == platformdirs.user_config_dir("grow", appauthor=False)
    assert str(found.cache) == platformdirs.user_cache_dir("grow", appauthor=False)
