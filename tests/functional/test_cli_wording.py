"""Wording a Dutch user notices: plurals, hints, the trash and missing cards (review, nice to have)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from grow_app.i18n import plural, set_language, tn

CARD = "gesprekskaart-sop"


def last_line(result) -> str:
    return result.stdout.strip().splitlines()[-1]


def test_plural_helper_and_keys():
    assert plural(1, "sessie", "sessies") == "sessie"
    assert plural(0, "sessie", "sessies") == "sessies"
    assert tn("card.invalid_summary", 1) == "1 kaartbestand met fouten."
    assert tn("card.invalid_summary", 2) == "2 kaartbestanden met fouten."
    set_language("en")
    assert tn("card.invalid_summary", 1) == "1 card file with errors."


def test_cards_check_counts_one_broken_file_in_the_singular(grow_cli, tmp_path: Path):
    broken = tmp_path / "kapot.toml"
    broken.write_text("title = Hallo\n", encoding="utf-8")
    result = grow_cli("cards", "check", str(broken))
    assert result.exit_code == 1
    assert result.stderr.strip() == "1 kaartbestand met fouten."


def test_unknown_card_points_to_cards_list(grow_cli):
    result = grow_cli("cards", "show", "onbekend")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Fout: Kaart 'onbekend' bestaat niet. Bekijk alle kaarten met: grow cards list"
    )
    assert grow_cli("partnership", "add", "AOS").exit_code == 0
    near = grow_cli("session", "new", "AOS", "--card", "gesprekskaart")
    assert "Bedoelde u: gesprekskaart-sop? Bekijk alle kaarten met: grow cards list" in near.stderr


def test_trash_wording(grow_cli, db_path):
    from grow_app.services.trash import trash_partnership
    from grow_app.store import open_database

    partnership = last_line(grow_cli("partnership", "add", "AOS Oost Nederland"))
    session = last_line(grow_cli("session", "new", "AOS Oost Nederland", "--card", CARD))
    db = open_database(db_path)
    trash_partnership(db, partnership)
    db.conn.close()

    listed = grow_cli("trash", "list").stdout
    assert "AOS Oost Nederland (met 1 sessie)" in listed and "sessie(s)" not in listed

    refused = grow_cli("session", "new", "aos oost nederland", "--card", CARD)
    assert refused.exit_code == 1
    assert refused.stderr.strip() == (
        "Fout: Partnerschap 'AOS Oost Nederland' staat in de prullenbak; "
        f"zet het terug met: grow trash restore {partnership[:8]}"
    )
    hidden = grow_cli("session", "show", session[:8])
    assert hidden.exit_code == 1
    assert "hoort bij een partnerschap in de prullenbak" in hidden.stderr
    assert f"grow trash restore {partnership[:8]}" in hidden.stderr

    kept = grow_cli("trash", "empty", input="n\n")
    assert kept.exit_code == 0
    assert "Het enige item in de prullenbak definitief verwijderen? [j/N]" in kept.stdout
    assert kept.stdout.strip().endswith("Niets verwijderd.")
    assert kept.stderr == ""

    emptied = grow_cli("trash", "empty", "--yes")
    assert emptied.stdout.strip() == "1 item definitief verwijderd."


def test_a_trashed_session_says_so(grow_cli, db_path):
    from grow_app.services.trash import trash_session
    from grow_app.store import open_database

    grow_cli("partnership", "add", "AOS")
    session = last_line(grow_cli("session", "new", "AOS", "--card", CARD))
    db = open_database(db_path)
    trash_session(db, session)
    db.conn.close()
    result = grow_cli("session", "show", session[:8])
    assert result.stderr.strip() == (
        f"Fout: Sessie '{session[:8]}' staat in de prullenbak; "
        f"zet haar terug met: grow trash restore {session[:8]}"
    )


def test_a_session_whose_card_is_missing(grow_cli, db_path):
    grow_cli("partnership", "add", "AOS")
    session = last_line(grow_cli("session", "new", "AOS", "--card", CARD))
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE sessions SET card_id = 'verdwenen-kaart'")
    conn.close()
    listed = grow_cli("session", "list").stdout
    assert "kaart ontbreekt" in listed and "0/0" not in listed
    shown = grow_cli("session", "show", session).stdout
    assert "kaart ontbreekt" in shown


def test_help_texts(grow_cli):
    top = grow_cli("session", "--help").stdout
    assert "Toon één sessie (id of het begin daarvan)." in top
    assert "Maak een nieuwe sessie aan; het id staat op de laatste regel." in top
