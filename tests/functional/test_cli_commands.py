"""The command line: cards, partnerships, sessions, the database options and their error paths.

Every error a user can cause ends in exit status 1 and one plain line, never a traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from grow_app import __version__
from grow_app.cli import COMMANDS, cli
from grow_app.paths import app_dirs, builtin_cards_dir
from grow_app.store import open_database
from tests.helpers import sha256

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "voorbeeldkaart.toml"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def assert_one_line_error(result, *needles: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def add_partnership(grow_cli, name: str = "AOS Oost Nederland", *extra: str) -> str:
    result = grow_cli("partnership", "add", name, *extra)
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1]


def new_session(grow_cli, partnership: str = "AOS Oost Nederland", *extra: str) -> str:
    result = grow_cli("session", "new", partnership, "--card", "gesprekskaart-sop", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1]


# -- version and help ------------------------------------------------------------------------------


def test_version(grow_cli):
    result = grow_cli("--version", db=None)
    assert result.exit_code == 0
    assert result.stdout.strip() == f"grow {__version__}"


def _walk(command: click.Command, ctx: click.Context, path: str):
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{path} {name} cannot be loaded"
            yield from _walk(sub, ctx, f"{path} {name}")


def _help_pages() -> dict[str, click.Command]:
    """Every command (including those loaded lazily from COMMANDS) by its path."""
    ctx = click.Context(cli, info_name="grow")
    seen = dict(_walk(cli, ctx, "grow"))
    assert {f"grow {name}" for name in COMMANDS} <= set(seen)
    return seen


def test_every_command_and_option_has_a_help_text_in_both_languages():
    """Each declares a key of ``i18n/messages/commands.py``; each key has Dutch and English,
    and each name grow gives a value (``PAD``) has its English."""
    from grow_app.cli.click_nl import ENGLISH_METAVARS, HELP_KEY_PREFIX
    from grow_app.i18n.messages.commands import EN, NL

    missing = []
    for path, command in _help_pages().items():
        texts = {path: command}
        texts.update(
            {f"{path} {p.opts[0]}": p for p in command.params if isinstance(p, click.Option)}
        )
        for where, obj in texts.items():
            key = getattr(obj, "_grow_declared_help", obj.help)  # the key, also once localised
            if not (isinstance(key, str) and key.startswith(HELP_KEY_PREFIX)):
                missing.append(f"{where}: no key ({key!r})")
            elif not (NL.get(key, "").strip() and EN.get(key, "").strip()):
                missing.append(f"{where}: {key} lacks a text")
        for param in command.params:
            declared = getattr(param, "_grow_declared_metavar", param.metavar)
            if isinstance(declared, str) and declared not in ENGLISH_METAVARS:
                missing.append(f"{path} {param.name}: metavar {declared} has no English")
    assert missing == []


@pytest.mark.parametrize("how", ["--lang", "GROW_LANG", "setting"])
def test_every_help_page_is_all_english_in_english(grow_cli, how, tmp_path):
    """``grow ... --help`` in English: grow's texts and names in English, none of the Dutch
    ones; asked for by the option, the environment or the saved setting (before, the help
    stayed Dutch unless ``--lang en`` came first)."""
    from grow_app.cli.click_nl import ENGLISH_METAVARS
    from grow_app.i18n.messages.commands import EN, NL
    from grow_app.settings import Settings, save_settings

    env = {"GROW_LANG": "en"} if how == "GROW_LANG" else {"GROW_LANG": ""}
    if how == "setting":
        save_settings(Settings(language="en"))
    dutch = {text.split("\n")[0][:40] for text in NL.values()}
    names = [re.escape(name) for name, english in ENGLISH_METAVARS.items() if name != english]
    dutch_name = re.compile(rf"(?<![\w'])({'|'.join(names)})(?![\w])")
    dutch |= {"Gebruik:", "Opties:", "Toon deze hulp"}
    pages = sorted(_help_pages())
    for path in pages:
        words = path.split()[1:]
        args = ["--lang", "en", *words, "--help"] if how == "--lang" else [*words, "--help"]
        result = grow_cli(*args, db=None, env=env)
        assert result.exit_code == 0, result.output
        page = " ".join(result.stdout.split())
        assert [d for d in dutch if d in result.stdout] == [], (path, result.stdout)
        assert dutch_name.findall(result.stdout) == [], (path, result.stdout)
        assert "Usage:" in page and "Show this help and exit." in page
    assert EN["command.session.new.date"] in " ".join(
        grow_cli("session", "new", "--help", db=None, env={"GROW_LANG": "en"}).stdout.split()
    )


def test_lang_is_heeded_wherever_it_stands_among_grows_options(grow_cli):
    """``--help`` and a usage error are handled while the options are parsed: a ``--lang``
    after them (or a Dutch ``--lang`` over GROW_LANG=en) was not yet read."""
    helped = grow_cli("--help", "--lang", "en", db=None, env={"GROW_LANG": ""})
    assert "Show this help and exit." in helped.stdout and "Toon" not in helped.stdout
    wrong = grow_cli("--lang=en", "--bogus", db=None, env={"GROW_LANG": ""})
    assert wrong.stderr.startswith("Error: No such option '--bogus'.")
    dutch = grow_cli("--lang", "nl", "--bogus", db=None, env={"GROW_LANG": "en"})
    assert dutch.stderr.startswith("Fout: de optie --bogus bestaat niet.")


# -- cards -------------------------------------------------------------------------------------------


def test_cards_list(grow_cli):
    result = grow_cli("cards", "list", db=None)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["Id", "Titel"]
    assert any(line.startswith("gesprekskaart-sop ") for line in lines)
    assert any(line.startswith("strategiesessie-schaalniveaus ") for line in lines)


def test_cards_show_text_has_every_question(grow_cli, catalog):
    result = grow_cli("cards", "show", "gesprekskaart-sop", db=None)
    assert result.exit_code == 0
    card = catalog.get("gesprekskaart-sop")
    for question in card.questions():
        assert question.text in result.stdout
        for item in question.items:
            assert item.text in result.stdout
    assert (
        result.stdout.index("Goal")
        < result.stdout.index("Reality")
        < result.stdout.index("Way forward")
    )


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.mark.parametrize("card_id", ["gesprekskaart-sop", "strategiesessie-schaalniveaus"])
def test_cards_show_json_has_every_text(grow_cli, catalog, card_id):
    result = grow_cli("cards", "show", card_id, "--format", "json", db=None)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    texts = set(_strings(data))
    card = catalog.get(card_id)
    expected = {card.title, card.subtitle, card.intro}
    for question in card.questions():
        expected |= {question.text, question.guidance} | {i.text for i in question.items}
    for dimension in card.dimensions.values():
        expected |= {m.label for m in dimension.members} | {
            m.description for m in dimension.members
        }
    expected.discard("")
    assert expected <= texts
    assert [p["id"] for p in data["phases"]] == [p.id for p in card.phases]


def test_cards_show_unknown_suggests(grow_cli):
    result = grow_cli("cards", "show", "strategiesessie", db=None)
    assert_one_line_error(result, "strategiesessie", "strategiesessie-schaalniveaus")


def test_cards_check_accepts_good_files(grow_cli):
    files = [str(p) for p in sorted(builtin_cards_dir().glob("*.toml"))] + [str(EXAMPLE)]
    result = grow_cli("cards", "check", *files, db=None)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) == 3
    assert "voorbeeldkaart" in result.stdout and "in orde" in result.stdout


def test_cards_check_reports_bad_files_one_line_per_problem(grow_cli, tmp_path):
    not_toml = tmp_path / "geen-toml.toml"
    not_toml.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    invalid = tmp_path / "ongeldig.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('language = "nl"', 'language = "nederlands"')
    text = text.replace('kind = "grid"', 'kind = "tabel"')
    invalid.write_text(text, encoding="utf-8")
    missing = tmp_path / "bestaat-niet.toml"
    result = grow_cli(
        "cards", "check", str(EXAMPLE), str(not_toml), str(invalid), str(missing), db=None
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    out = result.stdout.strip().splitlines()
    assert out[0].startswith(f"{EXAMPLE}: in orde")
    problems = out[1:]
    assert problems[0].startswith(f"{not_toml}:2: geen geldige TOML")
    invalid_lines = [line for line in problems if line.startswith(str(invalid))]
    assert len(invalid_lines) == 2
    language_line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith("language"))
    assert f"{invalid}:{language_line}: language: " in invalid_lines[0]
    assert re.match(
        rf"{re.escape(str(invalid))}:\d+: phases\[2\]\.sections\[0\]\.questions\[0\]\.kind: ",
        invalid_lines[1],
    )
    assert problems[-1].startswith(f"{missing}: ") and "kan niet worden gelezen" in problems[-1]
    assert result.stderr.strip() == "3 kaartbestanden met fouten."


def test_extra_cards_folder_and_broken_card_at_start(grow_cli, tmp_path):
    folder = tmp_path / "mijn kaarten"
    folder.mkdir()
    (folder / "voorbeeld.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "kapot.toml").write_text("id = ", encoding="utf-8")
    result = grow_cli("--cards", str(folder), "cards", "list", db=None)
    assert result.exit_code == 0
    assert "voorbeeldkaart" in result.stdout and "gesprekskaart-sop" in result.stdout
    (warning,) = result.stderr.strip().splitlines()
    assert "kapot.toml:1" in warning and warning.startswith("Kaart overgeslagen: ")


def test_user_cards_folder_is_used(grow_cli):
    folder = app_dirs().user_cards
    folder.mkdir(parents=True)
    (folder / "voorbeeld.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert "voorbeeldkaart" in grow_cli("cards", "list", db=None).stdout


def test_missing_cards_folder_is_one_line(grow_cli, tmp_path):
    result = grow_cli("--cards", str(tmp_path / "weg"), "cards", "list", db=None)
    assert_one_line_error(result, "weg", "bestaat niet")


# -- partnerships ----------------------------------------------------------------------------------


def test_partnership_add_and_list(grow_cli):
    first = add_partnership(
        grow_cli, "AOS Oost Nederland", "--region", "Achterhoek", "--sector", "vo,po"
    )
    assert UUID.match(first)
    add_partnership(grow_cli, "Partnerschap Noord", "--sector", "(v)so", "--sector", "mbo")
    table = grow_cli("partnership", "list")
    assert table.exit_code == 0
    rows = table.stdout.splitlines()
    assert rows[0].split() == ["Naam", "Onderwijsregio", "Sectoren", "Sessies"]
    assert "AOS Oost Nederland" in rows[2] and "Achterhoek" in rows[2] and "vo, po" in rows[2]
    assert "Partnerschap Noord" in rows[3] and "(v)so, mbo" in rows[3]
    data = json.loads(grow_cli("partnership", "list", "--format", "json").stdout)
    assert data == [
        {
            "id": first,
            "name": "AOS Oost Nederland",
            "region": "Achterhoek",
            "sectors": ["vo", "po"],
            "sessions": 0,
        },
        {
            "id": data[1]["id"],
            "name": "Partnerschap Noord",
            "region": "",
            "sectors": ["vso", "mbo"],
            "sessions": 0,
        },
    ]


def test_partnership_list_when_empty(grow_cli, db_path):
    open_database(db_path).conn.close()  # an empty database (a missing one: test_cli_db_path)
    assert "Nog geen partnerschappen" in grow_cli("partnership", "list").stdout
    assert json.loads(grow_cli("partnership", "list", "--format", "json").stdout) == []


def test_partnership_errors(grow_cli):
    add_partnership(grow_cli)
    assert_one_line_error(grow_cli("partnership", "add", "aos oost nederland"), "Er is al een")
    assert_one_line_error(grow_cli("partnership", "add", "Nieuw", "--sector", "hbo"), "'hbo'", "po")
    assert_one_line_error(grow_cli("partnership", "add", "   "), "Geef een naam op")
    assert len(json.loads(grow_cli("partnership", "list", "--format", "json").stdout)) == 1


# -- sessions --------------------------------------------------------------------------------------


def test_session_new_prints_the_id_last_and_list_shows_it(grow_cli):
    add_partnership(grow_cli)
    result = grow_cli(
        "session", "new", "aos oost nederland", "--card", "gesprekskaart-sop",
        "--date", "2026-03-14", "--facilitator", "Anna de Vries",
        "--participant", "Bram Jansen|HAN|opleider",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    session_id = result.stdout.strip().splitlines()[-1]
    assert UUID.match(session_id)
    table = grow_cli("session", "list").stdout.splitlines()
    assert table[0].split() == ["Id", "Partnerschap", "Kaart", "Datum", "Voortgang"]
    assert table[2].split() == [
        session_id[:8],
        "AOS",
        "Oost",
        "Nederland",
        "gesprekskaart-sop",
        "2026-03-14",
        "0/28",  # 27 questions and the Kernboodschap, as on the screens
    ]
    (row,) = json.loads(grow_cli("session", "list", "--format", "json").stdout)
    assert row["id"] == session_id
    assert (row["partnership"], row["card"], row["card_version"], row["date"]) == (
        "AOS Oost Nederland",
        "gesprekskaart-sop",
        "1.0",
        "2026-03-14",
    )
    assert (row["facilitator"], row["answered"], row["questions"]) == ("Anna de Vries", 0, 28)
    shown = json.loads(grow_cli("session", "show", session_id, "--format", "json").stdout)
    assert shown["participants"] == [
        {"name": "Bram Jansen", "organisation": "HAN", "role": "opleider"}
    ]
    partnerships = json.loads(grow_cli("partnership", "list", "--format", "json").stdout)
    assert partnerships[0]["sessions"] == 1
    text = grow_cli("session", "show", session_id[:8]).stdout.splitlines()
    assert text[0].split() == ["Id", session_id]
    assert "Deelnemers      Bram Jansen (HAN, opleider)" in text
    assert "Gespreksleider  Anna de Vries" in text


def test_session_new_defaults_to_today(grow_cli):
    import datetime as dt

    add_partnership(grow_cli)
    session_id = new_session(grow_cli)
    shown = json.loads(grow_cli("session", "show", session_id, "--format", "json").stdout)
    assert shown["date"] == dt.date.today().isoformat()


@pytest.mark.parametrize("bad", ["14-03-2026", "2026-02-30", "morgen", "2026-13-01"])
def test_session_new_refuses_a_bad_date_and_creates_nothing(grow_cli, bad):
    add_partnership(grow_cli)
    result = grow_cli(
        "session", "new", "AOS Oost Nederland", "--card", "gesprekskaart-sop", "--date", bad
    )
    assert_one_line_error(result, f"'{bad}'", "JJJJ-MM-DD")
    assert json.loads(grow_cli("session", "list", "--format", "json").stdout) == []


def test_session_new_unknown_partnership_or_card_suggests_near_names(grow_cli):
    add_partnership(grow_cli)
    result = grow_cli("session", "new", "AOS Oost", "--card", "gesprekskaart-sop")
    assert_one_line_error(result, "'AOS Oost'", "Bedoelde u: AOS Oost Nederland?")
    result = grow_cli("session", "new", "AOS Oost Nederland", "--card", "gesprekskaart")
    assert_one_line_error(result, "'gesprekskaart'", "gesprekskaart-sop")
    assert json.loads(grow_cli("session", "list", "--format", "json").stdout) == []


def test_session_list_when_empty_and_filtered(grow_cli, db_path):
    open_database(db_path).conn.close()
    assert "Nog geen sessies" in grow_cli("session", "list").stdout
    add_partnership(grow_cli)
    add_partnership(grow_cli, "Partnerschap Noord")
    new_session(grow_cli)
    noord = new_session(grow_cli, "Partnerschap Noord")
    rows = json.loads(
        grow_cli(
            "session", "list", "--partnership", "partnerschap noord", "--format", "json"
        ).stdout
    )
    assert [r["id"] for r in rows] == [noord]
    assert_one_line_error(grow_cli("session", "list", "--partnership", "Zuid"), "'Zuid'")


def _sessions_with_ids(db_path: Path, ids: list[str]) -> None:
    from grow_app.store import open_database
    from grow_app.store.partnerships import insert_partnership
    from grow_app.store.sessions import insert_session

    db = open_database(db_path)
    partner = insert_partnership(db, "Partnerschap Noord")
    for session_id in ids:
        insert_session(
            db, partnership_id=partner.id, card_id="gesprekskaart-sop", card_version="1.0",
            date="2026-03-14", id=session_id,
        )  # fmt: skip
    db.conn.close()


def test_session_by_unique_prefix_and_ambiguous_prefix(grow_cli, db_path):
    first = "abcd1234-0000-4000-8000-000000000001"
    second = "abcd5678-0000-4000-8000-000000000002"
    _sessions_with_ids(db_path, [first, second])
    result = grow_cli("session", "show", "abcd12")
    assert result.exit_code == 0, result.output
    assert first in result.stdout and "Partnerschap Noord" in result.stdout
    assert (
        json.loads(grow_cli("session", "show", second, "--format", "json").stdout)["id"] == second
    )
    assert_one_line_error(grow_cli("session", "show", "abcd"), "'abcd'", "2 sessies")


def test_unknown_session_suggests_near_ids(grow_cli, db_path):
    _sessions_with_ids(db_path, ["abcd1234-0000-4000-8000-000000000001"])
    line = assert_one_line_error(grow_cli("session", "show", "abzz"), "'abzz'", "abcd1234")
    assert line.startswith("Fout: ")
    assert_one_line_error(grow_cli("open", "ffffffff"), "'ffffffff'")  # refused before the UI opens


# -- the database: --db, GROW_DB, refusing other files ---------------------------------------------


def test_db_option_and_environment_variable(grow_cli, tmp_path):
    by_option = tmp_path / "optie.db"
    by_env = tmp_path / "omgeving.db"
    add_partnership_result = grow_cli("partnership", "add", "Via optie", db=by_option)
    assert add_partnership_result.exit_code == 0
    result = grow_cli("partnership", "add", "Via omgeving", db=None, env={"GROW_DB": str(by_env)})
    assert result.exit_code == 0
    assert by_option.is_file() and by_env.is_file()
    assert not app_dirs().default_db.exists()

    def names(**kw) -> list[str]:
        listed = grow_cli("partnership", "list", "--format", "json", **kw)
        return [p["name"] for p in json.loads(listed.stdout)]

    assert names(db=by_option) == ["Via optie"]
    assert names(db=None, env={"GROW_DB": str(by_env)}) == ["Via omgeving"]
    # --db wins over GROW_DB
    assert names(db=by_option, env={"GROW_DB": str(by_env)}) == ["Via optie"]


def test_default_database_lives_in_the_data_folder(grow_cli):
    assert grow_cli("partnership", "add", "Standaard", db=None).exit_code == 0
    assert app_dirs().default_db.is_file()


@pytest.mark.parametrize(
    "content", [b"Dit is een boodschappenlijstje.\n", b"SQLite format 3\x00" + b"\x00" * 50]
)
def test_a_file_that_is_not_a_grow_database_is_refused_untouched(grow_cli, tmp_path, content):
    path = tmp_path / "iets.db"
    path.write_bytes(content)
    before = sha256(path)
    for args in (["partnership", "list"], ["session", "new", "X", "--card", "gesprekskaart-sop"]):
        result = grow_cli(*args, db=path)
        assert_one_line_error(result, str(path), "niet aangeraakt")
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iets.db"]


def test_english_messages_with_lang(grow_cli):
    result = grow_cli("--lang", "en", "session", "new", "Nobody", "--card", "gesprekskaart-sop")
    line = assert_one_line_error(result, "Partnership 'Nobody' does not exist.")
    assert line.startswith("Error: ")
    ok = grow_cli("--lang", "en", "partnership", "add", "Noord")
    assert ok.stdout.startswith("Partnership 'Noord' added.")
    check = grow_cli("--lang", "en", "cards", "check", str(EXAMPLE), db=None)
    assert "OK (voorbeeldkaart, 6 questions)" in check.stdout


def test_grow_lang_environment_variable(grow_cli, db_path):
    open_database(db_path).conn.close()
    result = grow_cli("partnership", "list", env={"GROW_LANG": "en"})
    assert "No partnerships yet" in result.stdout


# -- a real process --------------------------------------------------------------------------------


@pytest.mark.slow
def test_python_m_grow_app_in_a_real_process(tmp_path):
    env = {"GROW_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "grow_app", *args],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
        )  # fmt: skip

    version = run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"grow {__version__}")
    bad = tmp_path / "kapot.toml"
    bad.write_text("[[phases]\n", encoding="utf-8")
    checked = run("cards", "check", str(bad))
    assert checked.returncode == 1
    assert checked.stdout.startswith(f"{bad}:1: geen geldige TOML")
    assert "Traceback" not in checked.stdout + checked.stderr
    db = tmp_path / "proces.db"
    assert run("--db", str(db), "partnership", "add", "Proces").returncode == 0
    created = run(
        "--db", str(db), "session", "new", "Proces", "--card", "strategiesessie-schaalniveaus"
    )
    assert created.returncode == 0, created.stderr
    assert UUID.match(created.stdout.strip().splitlines()[-1])
    # Plain `grow` on a file that is not a database: refused before the screen opens.
    notes = tmp_path / "notities.txt"
    notes.write_text("boodschappen\n", encoding="utf-8")
    before = sha256(notes)
    refused = run("--db", str(notes))
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        f"Fout: {notes} is geen grow-database (geen SQLite-bestand); het bestand is niet aangeraakt."
    ]
    assert sha256(notes) == before


def test_an_unexpected_error_is_one_line_and_a_crash_log(monkeypatch, capsys):
    import grow_app.cli as cli_module
    from grow_app.cli import main

    @click.command("stuk")
    def broken() -> None:
        """Gaat altijd mis."""
        raise RuntimeError("kapot")

    monkeypatch.setattr(sys.modules[__name__], "broken_command", broken, raising=False)
    monkeypatch.setitem(cli_module.COMMANDS, "stuk", f"{__name__}:broken_command")
    with pytest.raises(SystemExit) as caught:
        main(["stuk"])
    assert caught.value.code == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("Onverwachte fout: RuntimeError: kapot (details: ")
    (log,) = (app_dirs().data / "logs").glob("crash-*.txt")
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_a_folder_as_database_is_one_line(grow_cli, tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    assert_one_line_error(grow_cli("partnership", "list", db=folder), "is een map")
