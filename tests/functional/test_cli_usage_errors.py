"""click's own usage errors and help pages, as a Dutch user meets them (review finding 4).

Every mistake on the command line is one Dutch line on stderr with exit status 1, never click's
English "Usage: ... Error: ..." block with exit status 2; help pages are Dutch too.
"""

from __future__ import annotations

from pathlib import Path


def one_dutch_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("Fout: ")
    for english in ("Usage:", "Error:", "Try ", "Missing", "Invalid", "No such", "Got unexpected"):
        assert english not in line
    assert result.stdout == ""
    return line


def test_a_name_with_spaces_without_quotes_gets_a_suggestion_with_quotes(grow_cli, db_path):
    line = one_dutch_line(grow_cli("partnership", "add", "AOS", "Oost", "Nederland"))
    assert "'Oost Nederland' hoort hier niet bij." in line
    assert line.endswith(
        "Zet een naam met spaties tussen aanhalingstekens: "
        f'grow --db {db_path} partnership add "AOS Oost Nederland"'
    )
    assert not db_path.exists()  # nothing was created


def test_a_date_in_words_gets_quotes_around_the_option_value(grow_cli, db_path):
    line = one_dutch_line(
        grow_cli("session", "new", "AOS", "--card", "gesprekskaart-sop", "--date", "14", "maart")
    )
    assert "'maart' hoort hier niet bij." in line
    assert line.endswith('--card gesprekskaart-sop --date "14 maart"')
    assert "waarde met spaties" in line


def test_missing_option(grow_cli):
    line = one_dutch_line(grow_cli("session", "new", "AOS"))
    assert line == "Fout: de optie --card ontbreekt. Zie: grow session new --help"


def test_missing_choice_option_names_the_choices_on_one_line(grow_cli, monkeypatch):
    """No grow command has a required choice option any more (compare's --format became
    optional), so a small command of that shape checks the translation of click's message."""
    import click

    from grow_app.cli import COMMANDS

    @click.command("kies")
    @click.option("--format", "fmt", type=click.Choice(["docx", "csv"]), required=True)
    def kies(fmt: str) -> None:
        """Testopdracht."""

    import sys

    module = sys.modules[__name__]
    monkeypatch.setattr(module, "kies", kies, raising=False)
    monkeypatch.setitem(COMMANDS, "kies", f"{__name__}:kies")
    line = one_dutch_line(grow_cli("kies"))
    assert line == "Fout: de optie --format ontbreekt; kies uit docx, csv. Zie: grow kies --help"


def test_missing_argument_uses_the_dutch_name(grow_cli):
    assert one_dutch_line(grow_cli("cards", "check")) == (
        "Fout: geef BESTANDEN op. Zie: grow cards check --help"
    )
    assert "geef NAAM op" in one_dutch_line(grow_cli("partnership", "add"))


def test_invalid_choice(grow_cli):
    line = one_dutch_line(grow_cli("export", "58aa", "--format", "pdf"))
    assert line == (
        "Fout: ongeldige waarde bij --format: 'pdf' kan niet; kies uit 'docx', 'json', 'md'. "
        "Zie: grow export --help"
    )


def test_unknown_command_suggests_the_near_one(grow_cli):
    assert one_dutch_line(grow_cli("bestaatniet")) == (
        "Fout: de opdracht 'bestaatniet' bestaat niet. Zie: grow --help"
    )
    assert "Bedoelde u: session?" in one_dutch_line(grow_cli("sesion", "list"))


def test_unknown_option(grow_cli):
    line = one_dutch_line(grow_cli("session", "list", "--bogus"))
    assert line == "Fout: de optie --bogus bestaat niet. Zie: grow session list --help"
    assert "Bedoelde u" in one_dutch_line(grow_cli("session", "list", "--partnershp", "x"))


def test_unknown_language(grow_cli):
    line = one_dutch_line(grow_cli("--lang", "de"))
    assert (
        line
        == "Fout: ongeldige waarde bij --lang: 'de' kan niet; kies uit 'nl', 'en'. Zie: grow --help"
    )


def test_a_folder_where_a_file_is_expected(grow_cli, tmp_path: Path):
    folder = tmp_path / "MAP"
    folder.mkdir()
    line = one_dutch_line(grow_cli("cards", "check", str(folder)))
    assert line == f"Fout: '{folder}' is een map, geen bestand. Zie: grow cards check --help"


def test_an_option_without_its_value_and_a_flag_with_one(grow_cli):
    assert one_dutch_line(grow_cli("session", "new", "AOS", "--card")) == (
        "Fout: na de optie --card hoort een waarde. Zie: grow session new --help"
    )
    assert "de optie --yes krijgt geen waarde" in one_dutch_line(
        grow_cli("trash", "empty", "--yes=3")
    )


def test_a_number_out_of_range(grow_cli):
    line = one_dutch_line(grow_cli("serve", "--port", "0"))
    assert line.startswith("Fout: ongeldige waarde bij --port: 0 valt buiten het bereik")


def test_a_group_without_a_subcommand_shows_its_help(grow_cli):
    result = grow_cli("session")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: grow session [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Opdrachten:" in result.stdout


def test_english_keeps_clicks_words_but_one_line_and_exit_1(grow_cli):
    result = grow_cli("--lang", "en", "session", "new", "AOS")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: Missing option '--card'. See: grow session new --help")
    extra = grow_cli("--lang", "en", "partnership", "add", "AOS", "Oost")
    assert extra.exit_code == 1
    assert "Put a name with spaces in quotes: " in extra.stderr
    assert len(extra.stderr.strip().splitlines()) == 1


def test_help_pages_are_dutch(grow_cli):
    page = grow_cli("session", "new", "--help").stdout
    assert page.startswith("Gebruik: grow session new [OPTIES] PARTNERSCHAP\n")
    assert "Opties:" in page
    assert "--card TEKST" in page
    assert "[verplicht]" in page
    assert "Toon deze hulp en stop." in page
    for english in ("Usage:", "[OPTIONS]", "Options:", "[required]", "TEXT", "Show this"):
        assert english not in page
    export = grow_cli("export", "--help").stdout
    assert "Gebruik: grow export [OPTIES] [SESSIE]" in export
    assert "[standaard: table]" in grow_cli("session", "list", "--help").stdout
    top = grow_cli("--help").stdout
    assert "Gebruik: grow [OPTIES] [OPDRACHT] [ARGUMENTEN]..." in top
    assert "Opdrachten:" in top
    assert "BESTANDEN..." in grow_cli("cards", "check", "--help").stdout
    assert "NAAM" in grow_cli("partnership", "add", "--help").stdout


def test_english_help_is_clicks_own_and_dutch_comes_back(grow_cli):
    english = grow_cli("--lang", "en", "session", "new", "--help").stdout
    assert english.startswith("Usage: grow session new [OPTIONS] PARTNERSHIP\n")
    assert "--card TEXT" in english and "[required]" in english
    dutch = grow_cli("session", "new", "--help").stdout
    assert dutch.startswith("Gebruik: grow session new [OPTIES] PARTNERSCHAP\n")
