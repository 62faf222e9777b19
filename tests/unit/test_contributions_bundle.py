"""Contributions and votes travel in the bundle and merge on import without losing anything."""

from __future__ import annotations

import shutil

import pytest
from pydantic import ValidationError

from grow_app.join_records import HIDDEN, TAKEN
from grow_app.services import contributions, joining, voting
from grow_app.services.bundle_schema import BundleContribution, BundleVote
from grow_app.services.catalog import load_catalog
from grow_app.services.contributions_import import contribution_problems, merge_contributions
from grow_app.services.partnerships import add_partnership
from grow_app.services.sessions import start_session
from grow_app.store import contributions as contribution_store
from grow_app.store import open_database
from grow_app.store.connection import write
from grow_app.store.contributions_bundle import bundle_part

FIRST = "goal-doelen"
ITEMS = "goal-verhouding"


class Report:
    def __init__(self) -> None:
        self.counts = {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 0}
        self.keys: list[str] = []

    def count(self, outcome: str, key: str = "") -> None:
        self.counts[outcome] += 1
        if key:
            self.keys.append(key)


class Laptops:
    """Laptop A holds the meeting; laptop B started from a copy of A's file (same session)."""

    def __init__(self, tmp_path) -> None:
        self.catalog = load_catalog()
        self.card = self.catalog.get("gesprekskaart-sop")
        self.a = open_database(tmp_path / "a.db")
        partnership = add_partnership(self.a, "AOS Oost Nederland", "Achterhoek", ["vo"])
        self.session = start_session(self.a, self.catalog, partnership, self.card.id)
        self.a.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(tmp_path / "a.db", tmp_path / "b.db")
        self.b = open_database(tmp_path / "b.db")
        join = joining.open_join(self.a, self.session.id, allow_anonymous=True)
        self.anna = joining.register_device(self.a, join, "token-anna", "Anna")
        self.anon = joining.register_device(self.a, join, "token-x", "", anonymous=True)
        self.join = join

    def send(self, who, text, question=FIRST):
        return contributions.send(self.a, self.card, self.join, who, question, text)

    def part(self, db=None) -> dict:
        """The bundle's part, through the bundle's models (as export and import will)."""
        raw = bundle_part(db or self.a, self.session.id)
        return {
            "contributions": [
                BundleContribution.model_validate(r).model_dump() for r in raw["contributions"]
            ],
            "votes": [BundleVote.model_validate(v).model_dump() for v in raw["votes"]],
        }

    def merge_into_b(self, part: dict) -> Report:
        report = Report()
        with write(self.b):
            merge_contributions(
                self.b, self.card, self.session.id, part["contributions"], part["votes"], report
            )
        return report


@pytest.fixture
def laptops(tmp_path):
    laptops = Laptops(tmp_path)
    yield laptops
    laptops.a.conn.close()
    laptops.b.conn.close()


def seen(db, session_id, question=FIRST):
    state = contributions.panel_state(db, session_id, question)
    return [(c.author, c.text, c.state, c.revision) for c in state.contributions]


def test_a_bundle_carries_everything_and_merges_once(laptops):
    first = laptops.send(laptops.anna, "Meer stageplekken")
    laptops.send(laptops.anon, "Stages")
    contributions.take(laptops.a, laptops.session.id, first.id)
    vote = voting.start_vote(laptops.a, laptops.card, laptops.session.id, ITEMS, "items")
    voting.cast(laptops.a, laptops.session.id, vote.id, laptops.anna, {"ambitie": 3})
    voting.cast(laptops.a, laptops.session.id, vote.id, laptops.anon, {"functies": 2})
    part = laptops.part()
    assert all("device" not in row for row in part["contributions"])  # no device in a bundle

    report = laptops.merge_into_b(part)
    assert report.counts == {"new": 3, "updated": 0, "unchanged": 0, "conflicts": 0}
    assert seen(laptops.b, laptops.session.id) == seen(laptops.a, laptops.session.id)
    result_b = voting.result(laptops.b, voting.votes_for(laptops.b, laptops.session.id)[0])
    assert [(o.key, d) for o, d in result_b.totals] == [("ambitie", 3), ("functies", 2)]
    assert contributions.history(laptops.b, first.id)[-1][:2] == (2, TAKEN)

    history_rows = laptops.b.execute("SELECT count(*) FROM contribution_history").fetchone()
    again = laptops.merge_into_b(part)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 3, "conflicts": 0}
    assert laptops.b.execute("SELECT count(*) FROM contribution_history").fetchone() == history_rows


def test_newer_moves_win_and_local_ones_are_kept(laptops):
    item = laptops.send(laptops.anna, "Meer stageplekken")
    laptops.merge_into_b(laptops.part())
    # On A the facilitator took it (revision 2); on B someone hid it and showed it again (3).
    contributions.take(laptops.a, laptops.session.id, item.id)
    report = laptops.merge_into_b(laptops.part())
    assert report.counts["updated"] == 1
    assert contribution_store.get_contribution(laptops.b, item.id).state == TAKEN
    contributions.hide(laptops.b, laptops.session.id, item.id)  # B: revision 3
    report = laptops.merge_into_b(laptops.part())  # A's revision 2 is older
    assert report.counts == {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 1}
    assert report.keys == ["bijdrage 'Meer stageplekken'"]
    assert contribution_store.get_contribution(laptops.b, item.id).state == HIDDEN


def test_ballots_merge_and_the_newest_per_voter_counts(laptops):
    vote = voting.start_vote(laptops.a, laptops.card, laptops.session.id, ITEMS, "items")
    voting.cast(laptops.a, laptops.session.id, vote.id, laptops.anna, {"ambitie": 1})
    laptops.merge_into_b(laptops.part())
    voting.cast(laptops.a, laptops.session.id, vote.id, laptops.anna, {"functies": 3})
    voting.close_vote(laptops.a, laptops.session.id, vote.id)
    report = laptops.merge_into_b(laptops.part())
    assert report.counts["updated"] == 1
    merged = voting.votes_for(laptops.b, laptops.session.id)[0]
    assert not merged.open
    top, dots = voting.result(laptops.b, merged).totals[0]
    assert (top.key, dots) == ("functies", 3)
    # A ballot cast earlier that only arrives now (from an older bundle) does not win.
    old = laptops.part()
    ballot = old["votes"][0]["ballots"][0]
    old["votes"][0]["ballots"] = [ballot | {"cast_at": "2020-01-01T00:00:00.000000+00:00"}]
    assert laptops.merge_into_b(old).counts["updated"] == 1  # stored: nothing is dropped
    top, dots = voting.result(laptops.b, merged).totals[0]
    assert (top.key, dots) == ("functies", 3)


def test_another_sessions_contribution_is_never_touched(laptops):
    other_partnership = add_partnership(laptops.b, "Partnerschap Zuid", "Limburg", ["po"])
    other = start_session(laptops.b, laptops.catalog, other_partnership, laptops.card.id)
    other_join = joining.open_join(laptops.b, other.id)
    zuid = joining.register_device(laptops.b, other_join, "token-z", "Zoë")
    theirs = contributions.send(laptops.b, laptops.card, other_join, zuid, FIRST, "van Zuid")
    part = {"contributions": [], "votes": []}
    part["contributions"].append(
        BundleContribution.model_validate(
            bundle_part(laptops.b, other.id)["contributions"][0] | {"text": "van Zuid"}
        ).model_dump()
        | {"state": "hidden", "revision": 9}
    )
    report = laptops.merge_into_b(part)
    assert report.counts["conflicts"] == 1
    assert contribution_store.get_contribution(laptops.b, theirs.id).state == "shown"


def test_problems_that_refuse_a_bundle(laptops):
    a = laptops.send(laptops.anna, "een")
    b = laptops.send(laptops.anna, "twee")
    contributions.merge(laptops.a, laptops.session.id, b.id, a.id)
    part = laptops.part()
    assert contribution_problems(laptops.card, part["contributions"], part["votes"], "x.json") == []
    dangling = [row for row in part["contributions"] if row["id"] == b.id]
    assert (
        "niet in de bundel staat" in contribution_problems(laptops.card, dangling, [], "x.json")[0]
    )
    unknown = [dict(part["contributions"][0], question_id="elders")]
    assert "elders" in contribution_problems(laptops.card, unknown, [], "x.json")[0]
    twice = [part["contributions"][0], part["contributions"][0]]
    assert contribution_problems(laptops.card, twice, [], "x.json")


def test_the_bundle_models_are_strict():
    good = {
        "id": "0b0f7c1e-3f3a-4c53-9a43-2f0d1e9b6a11",
        "question_id": FIRST,
        "text": "Meer stageplekken",
        "created_at": "2026-03-14T10:00:00+01:00",
        "updated_at": "2026-03-14T10:00:00+01:00",
    }
    assert BundleContribution.model_validate(good).updated_at.endswith("+00:00")
    for bad in ({"device": "abc"}, {"state": "deleted"}, {"text": "x" * 10_001}):
        with pytest.raises(ValidationError):
            BundleContribution.model_validate(good | bad)
