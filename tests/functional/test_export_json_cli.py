"""`grow export --format json`: the bundle of one session or of all, read back by `grow import`."""

from __future__ import annotations

import json


def _session(grow_cli, db=None):
    """A partnership and a session on the main card (in ``db``, else in ``db_path``); its id."""
    where = {} if db is None else {"db": db}
    grow_cli("partnership", "add", "AOS Oost Nederland", "--region", "Oost", **where)
    made = grow_cli("session", "new", "AOS Oost Nederland", "--card", "gesprekskaart-sop", **where)
    return made.output.strip().splitlines()[-1]


def test_json_export_of_one_session_imports_into_another_database(tmp_path, monkeypatch, grow_cli):
    monkeypatch.chdir(tmp_path)
    laptop, office = tmp_path / "laptop.db", tmp_path / "office.db"
    session_id = _session(grow_cli, laptop)
    result = grow_cli("export", session_id[:8], "--format", "json", db=laptop)
    assert result.exit_code == 0, result.output
    written = list((tmp_path / "exports").glob("bundel-*.json"))
    assert len(written) == 1
    assert json.loads(written[0].read_text(encoding="utf-8"))["session"]["id"] == session_id
    imported = grow_cli("import", str(written[0]), db=office)
    assert imported.exit_code == 0, imported.output
    listed = grow_cli("session", "list", "--format", "json", db=office)
    assert [s["id"] for s in json.loads(listed.output)] == [session_id]


def test_json_export_all_writes_one_bundle_per_session(tmp_path, grow_cli):
    _session(grow_cli)
    grow_cli("session", "new", "AOS Oost Nederland", "--card", "strategiesessie-schaalniveaus")
    out = tmp_path / "bundels"
    out.mkdir()
    result = grow_cli("export", "--all", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.json"))) == 2
    assert "2 bestanden opgeslagen in" in result.output


def test_json_export_refuses_paper_only_options(grow_cli):
    session_id = _session(grow_cli)
    result = grow_cli("export", session_id, "--format", "json", "--skip-empty")
    assert result.exit_code == 1
    assert "--skip-empty" in result.output
    assert "Traceback" not in result.output
