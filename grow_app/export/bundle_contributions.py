"""The bundle's part for contributions and dot votes (strict models, like the rest of the bundle).

To be added to :class:`grow_app.export.bundle.Bundle` as two optional lists, so bundles without
them (every bundle made before joining existed) stay valid::

    contributions: Annotated[list[BundleContribution], Field(max_length=MAX_ROWS)] = []
    votes: Annotated[list[BundleVote], Field(max_length=MAX_ROWS)] = []

The device a contribution came from and the join code are never in a bundle; a ballot's voter
is the hash that stood for a participant's browser (no name, no address).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from grow_app.export.bundle import Key, Short, Stamp, Uuid, _Strict

ContributionText = Annotated[str, StringConstraints(max_length=10_000)]
Voter = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class BundleContribution(_Strict):
    id: Uuid
    question_id: Key
    author: Short = ""
    text: ContributionText
    state: Literal["shown", "hidden", "merged", "taken", "parked"] = "shown"
    merged_into: Uuid | None = None
    revision: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    created_at: Stamp
    updated_at: Stamp


class BundleVoteOption(_Strict):
    key: Key
    label: ContributionText


class BundleBallot(_Strict):
    voter: Voter
    dots: Annotated[dict[Key, Annotated[int, Field(ge=0, le=20)]], Field(max_length=60)]
    cast_at: Stamp


class BundleVote(_Strict):
    id: Uuid
    question_id: Key
    over: Literal["contributions", "items"]
    options: Annotated[list[BundleVoteOption], Field(min_length=1, max_length=60)]
    budget: Annotated[int, Field(ge=1, le=20)]
    started_at: Stamp
    closed_at: Stamp | None = None
    updated_at: Stamp
    ballots: Annotated[list[BundleBallot], Field(max_length=100_000)] = []
