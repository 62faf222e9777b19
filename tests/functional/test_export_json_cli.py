"""`grow export --format json`: the bundle of one session or of all, read back by `grow import`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from grow_app.cli import cli


def _run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def _session(db):
    _run(db, "partnership", "add", "AOS Oost Nederland", "--region", "Oost")
    result = _run(db, "session", "new", "AOS Oost Nederland", "--card", "gesprekskaart-sop")
    return result.output.strip().splitlines()[-1]


def test_json_export_of_one_session_imports_into_another_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    laptop, office = tmp_path / "laptop.db", tmp_path / "office.db"
    session_id = _session(laptop)
    result = _run(laptop, "export", session_id[:8], "--format", "json")
    assert result.exit_code == 0, result.output
    written = list((tmp_path / "exports").glob("bundel-*.json"))
    assert len(written) == 1
    assert json.loads(written[0].read_text(encoding="utf-8"))["session"]["id"] == session_id
    imported = _run(office, "import", str(written[0]))
    assert imported.exit_code == 0, imported.output
    listed = _run(office, "session", "list", "--format", "json")
    assert [s["id"] for s in json.loads(listed.output)] == [session_id]


def test_json_export_all_writes_one_bundle_per_session(tmp_path):
    db = tmp_path / "g.db"
    _session(db)
    _run(db, "session", "new", "AOS Oost Nederland", "--card", "strategiesessie-schaalniveaus")
    out = tmp_path / "bundels"
    out.mkdir()
    result = _run(db, "export", "--all", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.json"))) == 2
    assert "2 bestanden opgeslagen in" in result.output


def test_json_export_refuses_paper_only_options(tmp_path):
    db = tmp_path / "g.db"
    session_id = _session(db)
    result = CliRunner().invoke(
        cli, ["--db", str(db), "export", session_id, "--format", "json", "--skip-empty"]
    )
    assert result.exit_code == 1
    assert "--skip-empty" in result.output
    assert "Traceback" not in result.output
