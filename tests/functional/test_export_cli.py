"""``grow export`` end to end: files written, messages, exit codes, nothing half-written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from grow_app.services.snapshots import snapshot_of


@pytest.fixture
def db_file(db_path: Path, catalog) -> tuple[Path, list[str]]:
    """The database file ``grow_cli`` uses, with two answered sessions (one per card)."""
    from grow_app.services.sample import sample_grid_meeting, sample_meeting
    from grow_app.store import open_database

    path = db_path
    db = open_database(path)
    first = sample_meeting(db, catalog)
    second = sample_grid_meeting(db, catalog, "AOS Oost Nederland")
    ids = [first.session.id, second.session.id]
    db.conn.close()
    return path, ids


def test_export_one_session_by_prefix(db_file, tmp_path, grow_cli):
    out = tmp_path / "uit"
    out.mkdir()
    result = grow_cli("export", db_file[1][0][:6], "-o", str(out))
    assert result.exit_code == 0, result.output
    written = out / "positiepaper-aos-oost-nederland-2026-03-14.docx"
    assert result.stdout.strip() == f"Opgeslagen: {written}"
    assert Document(written).paragraphs[0].text == "Positiepaper"


def test_export_markdown_to_a_named_file(db_file, tmp_path, grow_cli):
    target = tmp_path / "paper.md"
    result = grow_cli("export", db_file[1][0], "--format", "md", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# Positiepaper\n")


def test_export_all_to_a_folder(db_file, tmp_path, grow_cli):
    out = tmp_path / "papers"
    out.mkdir()
    result = grow_cli("export", "--all", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "positiepaper-aos-oost-nederland-2026-03-14.docx",
        "positiepaper-aos-oost-nederland-2026-04-02.docx",
    ]
    assert result.stdout.count("Opgeslagen: ") == 2
    assert "2 bestanden opgeslagen in" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "-o", "{tmp}/bestaat-niet"], "De map {tmp}/bestaat-niet bestaat niet"),
        (["{id}", "-o", "{tmp}/bestaat-niet/p.docx"], "De map {tmp}/bestaat-niet bestaat niet"),
        (["{id}", "--template", "{tmp}/kapot.docx"], "is geen Word-document (.docx)"),
        (["{id}", "--format", "md", "--template", "{tmp}/kapot.docx"], "alleen bij --format docx"),
        ([], "Geef een sessie op, of gebruik --all"),
        (["{id}", "--all"], "óf een sessie óf --all"),
        (["zzzzzz"], "Sessie 'zzzzzz' bestaat niet"),
    ],
)
def test_user_errors_are_one_dutch_line_and_exit_1(db_file, tmp_path, args, message, grow_cli):
    (tmp_path / "kapot.docx").write_bytes(b"PK\x03\x04 geen echt zip-bestand")
    filled = [a.format(tmp=tmp_path, id=db_file[1][0][:8]) for a in args]
    before = set(tmp_path.rglob("*"))
    result = grow_cli("export", *filled)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout: ")
    assert message.format(tmp=tmp_path) in lines[0]
    assert "Traceback" not in result.output
    new = {p for p in tmp_path.rglob("*") if p not in before and not p.name.startswith("grow.db")}
    assert new == set()  # no folder, no paper, no temporary file


def test_a_file_open_in_word_is_one_line_and_no_temp_file(db_file, tmp_path, monkeypatch, grow_cli):
    import grow_app.export.paper as paper_module

    def locked(source, target):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(paper_module.os, "link", locked)
    monkeypatch.setattr(paper_module.os, "replace", locked)
    out = tmp_path / "uit"
    out.mkdir()
    result = grow_cli("export", db_file[1][0], "-o", str(out / "paper.docx"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Fout: Kan {out / 'paper.docx'} niet schrijven: het bestand is in gebruik (open in Word?) "
        "of de map is alleen-lezen."
    )
    assert list(out.iterdir()) == []


def test_template_warning_is_printed_once_for_all_papers(db_file, tmp_path, grow_cli):
    template = tmp_path / "huisstijl.docx"
    doc = Document()
    style = doc.styles["List Bullet"].element
    style.getparent().remove(style)
    doc.save(template)
    out = tmp_path / "uit"
    out.mkdir()
    result = grow_cli("export", "--all", "-o", str(out), "--template", str(template))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Let op: ")]
    assert len(warnings) == 1 and "List Bullet" in warnings[0]


def test_default_folder_is_exports_under_the_current_folder(
    db_file, tmp_path, monkeypatch, grow_cli
):
    here = tmp_path / "werkmap"
    here.mkdir()
    monkeypatch.chdir(here)
    result = grow_cli("export", db_file[1][0])
    assert result.exit_code == 0, result.output
    assert (here / "exports" / "positiepaper-aos-oost-nederland-2026-03-14.docx").exists()


@pytest.mark.slow
def test_libreoffice_turns_the_paper_into_pdf_pages(db_file, tmp_path, grow_cli):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF check needs it")
    out = tmp_path / "uit"
    out.mkdir()
    assert grow_cli("export", db_file[1][0], "-o", str(out)).exit_code == 0
    docx = next(out.glob("*.docx"))
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = docx.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 4  # the title page, the front chapters and the four phases


def test_the_command_runs_as_a_real_process(db_file, tmp_path):
    out = tmp_path / "uit"
    out.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "grow_app",
            "--db",
            str(db_file[0]),
            "export",
            "--all",
            "--format",
            "md",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.md"))) == 2


def test_export_all_skips_a_session_whose_card_is_gone_with_a_warning(db_file, tmp_path, grow_cli):
    from grow_app.store import open_database
    from grow_app.store.sessions import update_session

    db = open_database(db_file[0])
    update_session(db, db_file[1][1], card_id="verdwenen-kaart")
    db.conn.close()
    out = tmp_path / "uit"
    out.mkdir()
    result = grow_cli("export", "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (
        f"Let op: Sessie {db_file[1][1][:8]} overgeslagen: Kaart 'verdwenen-kaart'" in result.stderr
    )
    assert len(list(out.glob("*.docx"))) == 1


def test_papers_can_be_exported_from_worker_threads_at_once(tmp_path, catalog):
    """The session screen exports from a worker thread; two at once share the prepared base."""
    from concurrent.futures import ThreadPoolExecutor

    from grow_app.export.paper import export_paper
    from grow_app.services.sample import sample_meeting
    from grow_app.store import open_database

    meetings = [
        sample_meeting(open_database(tmp_path / f"{n}.db"), catalog, name=f"Partnerschap {n}")
        for n in range(4)
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda m: export_paper(snapshot_of(m), "docx", tmp_path), meetings))
    assert len({r.path for r in results}) == 4
    for result in results:
        assert Document(result.path).core_properties.author == "Anna de Vries"


@pytest.mark.slow
@pytest.mark.filterwarnings("error::UserWarning")  # zipfile warns on a part written twice
def test_a_template_saved_by_libreoffice_works(db_file, tmp_path, grow_cli):
    """LibreOffice names styles 'Heading 1' (Word: 'heading 1') and spells a relationship type
    in lower case; the paper must still use the styles and stay a valid package."""
    import zipfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: this test needs it to save a template")
    source = tmp_path / "huisstijl.docx"
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Stichting Voorbeeld"
    doc.add_paragraph("Sjabloontekst")
    doc.save(source)
    profile = (tmp_path / "lo-profile").as_uri()
    saved = tmp_path / "lo"
    for fmt, src, out in (("odt", source, tmp_path), ("docx", tmp_path / "huisstijl.odt", saved)):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(out),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    out = tmp_path / "uit"
    out.mkdir()
    result = grow_cli(
        "export", db_file[1][0], "-o", str(out), "--template", str(saved / "huisstijl.docx")
    )
    assert result.exit_code == 0, result.output
    paper = next(out.glob("*.docx"))
    with zipfile.ZipFile(paper) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))  # no part written twice
    written = Document(paper)
    assert written.sections[0].header.paragraphs[0].text == "Stichting Voorbeeld"
    assert written.core_properties.author == "Anna de Vries"
    heading_ids = {
        p._p.pPr.pStyle.val
        for p in written.paragraphs
        if p._p.pPr is not None and p._p.pPr.pStyle is not None
    }
    assert {"Title", "Heading1", "Heading3"} <= heading_ids
    assert "Sjabloontekst" not in [p.text for p in written.paragraphs]


@pytest.mark.parametrize(
    ("name", "starts_with"),
    [("paper.md", b"# Positiepaper\n"), ("bundel.json", b"{"), ("paper.docx", b"PK")],
)
def test_the_extension_of_o_chooses_the_format(db_file, tmp_path, name, starts_with, grow_cli):
    target = tmp_path / name
    result = grow_cli("export", db_file[1][0][:8], "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(starts_with)


def test_a_format_that_contradicts_the_extension_is_refused(db_file, tmp_path, grow_cli):
    target = tmp_path / "paper.docx"
    result = grow_cli("export", db_file[1][0][:8], "--format", "md", "-o", str(target))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"Fout: {target} eindigt op .docx, maar --format is md; laat --format weg of kies een "
        "naam op .md."
    ]
    assert not target.exists()


@pytest.mark.parametrize("fmt", ["docx", "md", "json"])
def test_every_format_keeps_an_existing_file_and_prints_absolute_paths(
    db_file, tmp_path, monkeypatch, fmt, grow_cli
):
    """One rule for the paper and the bundle: -o naming an existing file gets -2, with a note."""
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / f"stuk.{fmt}"
    existing.write_bytes(b"van de secretaris")
    result = grow_cli("export", db_file[1][0][:8], "-o", f"stuk.{fmt}")
    assert result.exit_code == 0, result.output
    assert existing.read_bytes() == b"van de secretaris"
    written = tmp_path / f"stuk-2.{fmt}"
    assert result.stdout.strip() == f"Opgeslagen: {written}"
    assert f"stuk.{fmt} bestond al; het nieuwe bestand heet stuk-2.{fmt}" in result.stderr
    mode = written.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask  # the user's usual permissions, not a private 0600


def test_bundles_with_all_are_named_like_a_single_bundle(db_file, tmp_path, monkeypatch, grow_cli):
    monkeypatch.chdir(tmp_path)
    single = grow_cli("export", db_file[1][0][:8], "--format", "json")
    assert single.exit_code == 0, single.output
    out = tmp_path / "bundels"
    out.mkdir()
    every = grow_cli("export", "--all", "--format", "json", "-o", "bundels")
    assert every.exit_code == 0, every.output
    assert [p.name for p in (tmp_path / "exports").iterdir()] == [
        "bundel-aos-oost-nederland-2026-03-14.json"
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "bundel-aos-oost-nederland-2026-03-14.json",
        "bundel-aos-oost-nederland-2026-04-02.json",
    ]
    assert all(Path(line.split(": ", 1)[1]).is_absolute() for line in every.stdout.splitlines()[:2])
    assert "2 bestanden opgeslagen in" in every.stdout
