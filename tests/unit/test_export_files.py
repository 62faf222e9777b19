"""File names and writing: safe names, no silent overwrite, nothing half-written left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grow_app.errors import GrowError
from grow_app.export import paper as paper_module
from grow_app.export.document import Bullet, Para, date_text, text_blocks
from grow_app.export.paper import export_paper, export_papers, free_path, safe_filename
from grow_app.i18n.messages.export import NL
from grow_app.services.snapshots import snapshot_of


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        (
            "positiepaper-AOS Oost Nederland-2026-03-14",
            "positiepaper-aos-oost-nederland-2026-03-14.docx",
        ),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j.docx"),
        ("../../etc/passwd", "etc-passwd.docx"),
        ("CON", "_con.docx"),
        ("nul.txt", "_nul.txt.docx"),
        ("Lpt1", "_lpt1.docx"),
        ("  ...  ", "positiepaper.docx"),
        ("Café Zuid ✅", "café-zuid-✅.docx"),
        ("tab\there\x00", "tab-here.docx"),
    ],
)
def test_safe_filename(stem, expected):
    assert safe_filename(stem, "docx") == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("-rf", "rf.docx"),  # nothing that looks like an option
        (".verborgen", "verborgen.docx"),  # no hidden file
        ("..", "positiepaper.docx"),
        ("rapport\u202excod.exe", "rapportxcod.exe.docx"),  # a bidi control cannot hide ".exe"
    ],
)
def test_safe_filename_from_data(stem, expected):
    assert safe_filename(stem, "docx") == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=[]), max_size=300))
def test_safe_filename_never_leaves_the_folder(tmp_path_factory, stem):
    import re

    folder = tmp_path_factory.getbasetemp() / "uitvoer"
    name = safe_filename(stem, "docx")
    assert name.endswith(".docx") and not name.startswith((".", "-"))
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name)
    assert not re.search(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", name)
    assert len(name.encode("utf-8")) <= 160
    assert (folder / name).parent == folder and (folder / name).name == name


def test_long_names_are_trimmed_to_what_every_file_system_takes():
    name = safe_filename("ë" * 400, "docx")
    assert len(name.encode("utf-8")) <= 160
    assert name.endswith(".docx")


def test_free_path_adds_a_suffix(tmp_path):
    target = tmp_path / "paper.docx"
    assert free_path(target) == target
    target.write_text("x")
    (tmp_path / "paper-2.docx").write_text("x")
    assert free_path(target) == tmp_path / "paper-3.docx"


def test_dutch_dates():
    assert date_text("2026-03-14", NL) == "14 maart 2026"
    assert date_text("2026-12-01", NL) == "1 december 2026"
    assert date_text("onbekend", NL) == "onbekend"


def test_text_blocks_split_paragraphs_and_bullets():
    assert text_blocks("Inleiding\n\n- een\n* twee\n-geen bullet\n  • drie  ") == (
        Para("Inleiding"),
        Bullet("een"),
        Bullet("twee"),
        Para("-geen bullet"),
        Bullet("drie"),
    )


@pytest.fixture
def meeting(sop_meeting):
    sop_meeting.save_answer("goal-doelen", "", "Genoeg goede leraren.")
    return sop_meeting


def test_default_name_in_exports_under_the_current_folder(meeting, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = export_paper(snapshot_of(meeting)).path
    second = export_paper(snapshot_of(meeting)).path
    assert first == tmp_path / "exports" / "positiepaper-aos-oost-nederland-2026-03-14.docx"
    assert second == first.with_name("positiepaper-aos-oost-nederland-2026-03-14-2.docx")
    assert first.read_bytes()[:2] == b"PK"


def test_an_existing_file_is_never_overwritten(meeting, tmp_path):
    target = tmp_path / "mijn paper.docx"
    target.write_bytes(b"belangrijk")
    result = export_paper(snapshot_of(meeting), "docx", target)
    assert target.read_bytes() == b"belangrijk"
    assert result.path == tmp_path / "mijn paper-2.docx"


def test_a_missing_folder_is_a_clear_error_and_creates_nothing(meeting, tmp_path):
    with pytest.raises(GrowError, match=r"De map .*bestaat niet"):
        export_paper(snapshot_of(meeting), "docx", tmp_path / "nergens" / "paper.docx")
    assert not (tmp_path / "nergens").exists()


def test_permission_error_leaves_no_temporary_file(meeting, tmp_path, monkeypatch):
    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(paper_module.os, "link", refuse)
    monkeypatch.setattr(paper_module.os, "replace", refuse)
    with pytest.raises(GrowError) as caught:
        export_paper(snapshot_of(meeting), "docx", tmp_path / "paper.docx")
    assert "in gebruik (open in Word?)" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_halfway_through_all_writes_none(fresh_db, catalog, tmp_path, monkeypatch):
    from grow_app.services.sample import sample_meeting

    meetings = [
        sample_meeting(fresh_db, catalog, name=f"Partnerschap {i}", date=f"2026-0{i}-01")
        for i in range(1, 4)
    ]
    real_render = paper_module.render
    calls = []

    def fail_on_third(meeting, fmt, **kw):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_render(meeting, fmt, **kw)

    monkeypatch.setattr(paper_module, "render", fail_on_third)
    with pytest.raises(OSError):
        export_papers([snapshot_of(m) for m in meetings], "docx", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_export_all_writes_one_file_per_session_with_unique_names(fresh_db, catalog, tmp_path):
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import find_partnership
    from grow_app.services.sample import sample_meeting
    from grow_app.services.sessions import start_session

    first = sample_meeting(fresh_db, catalog)
    again = start_session(
        fresh_db,
        catalog,
        find_partnership(fresh_db, "AOS Oost Nederland"),
        "gesprekskaart-sop",
        date="2026-03-14",
    )
    second = Meeting(fresh_db, catalog.get("gesprekskaart-sop"), again)
    results = export_papers([snapshot_of(first), snapshot_of(second)], "md", tmp_path)
    assert [r.path.name for r in results] == [
        "positiepaper-aos-oost-nederland-2026-03-14.md",
        "positiepaper-aos-oost-nederland-2026-03-14-2.md",
    ]
    assert sorted(os.listdir(tmp_path)) == sorted(r.path.name for r in results)


def test_template_with_markdown_is_refused(meeting, tmp_path):
    with pytest.raises(GrowError, match="alleen bij --format docx"):
        export_paper(snapshot_of(meeting), "md", tmp_path, template=Path("huisstijl.docx"))


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=300))
def test_any_partnership_name_gives_a_usable_file_name(name):
    result = safe_filename(f"positiepaper-{name}-2026-03-14", "docx")
    stem = result[: -len(".docx")]
    assert stem and not set(stem) & set('<>:"/\\|?*')
    assert all(ord(c) >= 32 for c in stem)
    assert not stem.endswith((".", " ")) and stem.split(".")[0] not in {"con", "nul", "aux", "prn"}
    assert len(result.encode("utf-8")) <= 160
    result.encode("utf-8")  # no lone surrogates


def test_a_name_taken_at_the_last_moment_is_not_overwritten(meeting, tmp_path, monkeypatch):
    """Another program creates the file between our check and our rename: we take the next."""
    target = tmp_path / "paper.docx"
    real_link = os.link

    def sneaky(source, destination):
        if Path(destination) == target and not target.exists():
            target.write_bytes(b"van een ander")
        return real_link(source, destination)

    monkeypatch.setattr(paper_module.os, "link", sneaky)
    result = export_paper(snapshot_of(meeting), "docx", target)
    assert target.read_bytes() == b"van een ander"
    assert result.path == tmp_path / "paper-2.docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper-2.docx", "paper.docx"]


def test_the_shared_writer_keeps_existing_files_and_uses_normal_permissions(tmp_path):
    from grow_app.export.files import choose_format, write_file, write_output

    target = tmp_path / "vergelijking.csv"
    target.write_bytes(b"oud")
    written = write_file(target, b"nieuw")
    assert written == tmp_path / "vergelijking-2.csv" and target.read_bytes() == b"oud"
    umask = os.umask(0)
    os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask
    assert write_output(tmp_path, "standaard.csv", "csv", b"x") == tmp_path / "standaard.csv"
    with pytest.raises(GrowError, match="bestaat niet"):
        write_output(tmp_path / "nergens" / "x.csv", "standaard.csv", "csv", b"x")
    with pytest.raises(GrowError, match="is een map"):
        write_file(tmp_path, b"x")
    assert not (tmp_path / "nergens").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".grow")] == []
    formats = {"docx": "docx", "md": "md", "json": "json"}
    assert choose_format(None, "a.MD", formats, "docx") == "md"
    assert choose_format(None, "a.txt", formats, "docx") == "docx"
    assert choose_format("json", "a", formats, "docx") == "json"
    with pytest.raises(GrowError, match=r"eindigt op \.json"):
        choose_format("docx", "a.json", formats, "docx")


def test_a_planted_symbolic_link_is_never_written_through(tmp_path):
    """A link under the file's name, even one pointing nowhere (which ``exists()`` misses and
    a hard link refuses: the writer used to try that name for ever), gets ``-2`` instead."""
    from grow_app.export.files import write_file

    elsewhere = tmp_path / "elders.docx"
    (tmp_path / "uit").mkdir()
    (tmp_path / "uit" / "paper.docx").symlink_to(elsewhere)
    written = write_file(tmp_path / "uit" / "paper.docx", b"inhoud")
    assert written == tmp_path / "uit" / "paper-2.docx"
    assert written.read_bytes() == b"inhoud" and not elsewhere.exists()
