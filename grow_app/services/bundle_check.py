"""Reading bundles for an import: every file checked completely, before anything is merged.

A bundle that cannot be used here (malformed, from the future, another card version, answers
twice) is refused with one line naming the file; the checked ones wait in a temporary file
(:class:`StagedBundles`) for :mod:`grow_app.services.bundles` to merge them one at a time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from grow_app.card.loader import CardCatalog
from grow_app.errors import GrowError
from grow_app.i18n import t
from grow_app.services.bundle_schema import Bundle, read_bundle_file
from grow_app.services.contributions_import import contribution_problems


# -- validation -----------------------------------------------------------------------------------
def card_problems(bundle: Bundle, catalog: CardCatalog, name: str) -> list[str]:
    """Problems that make a valid bundle unusable here: an unknown card, or answers to questions
    (or items) this installation's card does not have."""
    card = catalog.cards.get(bundle.session.card_id)
    if card is None:
        return [t("bundle.unknown_card", file=name, card=bundle.session.card_id)]
    keys: dict[str, set[str]] = {q.id: set(card.answer_keys(q)) for q in card.questions()}
    kinds = {q.id: q.kind for q in card.questions()}
    unknown: list[str] = []
    for answer in bundle.answers:
        if answer.item_key not in keys.get(answer.question_id, ()):
            unknown.append(f"{answer.question_id}/{answer.item_key}".rstrip("/"))
    for status in bundle.statuses:
        if kinds.get(status.question_id) != "recommendations" or status.item_key not in keys.get(
            status.question_id, ()
        ):
            unknown.append(f"{status.question_id}/{status.item_key}")
    for action in bundle.actions:
        if action.question_id and kinds.get(action.question_id) != "actions":
            unknown.append(action.question_id)
    seen: set[tuple[str, ...]] = set()
    twice: list[str] = []
    keyed = (
        [("a", a.question_id, a.item_key) for a in bundle.answers]
        + [("s", s.question_id, s.item_key) for s in bundle.statuses]
        + [("x", a.id) for a in bundle.actions]
        + [("p", p.id) for p in bundle.parking_lot]
    )
    for key in keyed:
        if key in seen:
            twice.append("/".join(part for part in key[1:] if part))
        seen.add(key)
    if twice:
        shown = ", ".join(list(dict.fromkeys(twice))[:5])
        return [t("bundle.duplicates", file=name, keys=shown)]
    joined = contribution_problems(
        card,
        [c.model_dump() for c in bundle.contributions],
        [v.model_dump() for v in bundle.votes],
        name,
    )
    if joined:
        return joined
    if unknown:
        shown = ", ".join(list(dict.fromkeys(unknown))[:5])
        return [
            t(
                "bundle.card_mismatch",
                file=name,
                card=card.id,
                version=bundle.session.card_version,
                local=card.version,
                keys=shown,
            )
        ]
    return []


def expand_folders(paths: Iterable[Path]) -> list[Path]:
    """Each folder replaced by the ``*.json`` files directly in it (sorted by name); a folder
    without any is refused, so ``grow import bundels/`` never silently does nothing."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file())
            found = [p for p in found if not p.name.startswith(".")]
            if not found:
                raise GrowError(t("bundle.empty_folder", folder=path))
            files.extend(found)
        else:
            files.append(path)
    return files


class StagedBundles:
    """Checked bundles waiting in a temporary file, to be merged one at a time.

    Ten thousand bundles held in memory took 650 MB; here only the one being merged is. The file
    is an unnamed temporary file (gone when closed, or when the process ends however it ends)
    with one line per bundle: its file name and the checked bundle as JSON, read back by
    pydantic's own JSON reader (quicker than building the models field by field)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close() / with
        self.count = 0

    def add(self, name: str, bundle: Bundle) -> None:
        # JSON escapes tabs and newlines, so neither splits a name or a bundle.
        line = f"{json.dumps(name)}\t{bundle.model_dump_json()}\n"
        self._file.write(line.encode("utf-8"))
        self.count += 1

    def __iter__(self) -> Iterator[tuple[str, Bundle]]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            name, _tab, data = line.partition(b"\t")
            yield json.loads(name), Bundle.model_validate_json(data)

    def __len__(self) -> int:
        return self.count

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> StagedBundles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def stage_bundles(paths: Iterable[Path], catalog: CardCatalog) -> StagedBundles:
    """Read and check every file (a folder: its ``*.json``) one at a time, keeping each checked
    bundle aside (:class:`StagedBundles`); raise one :class:`GrowError` listing every problem.
    After the first problem the other files are still checked (so every problem is named at
    once), but nothing more is kept: nothing will be imported."""
    staged = StagedBundles()
    problems: list[str] = []
    try:
        for path in expand_folders(paths):
            bundle, found = read_bundle_file(Path(path))
            if bundle is not None:
                found = card_problems(bundle, catalog, str(path))
            if found:
                problems.extend(found)
            elif bundle is not None and not problems:
                staged.add(str(path), bundle)
        if problems:
            raise GrowError(problems[0], details=problems[1:])
    except BaseException:
        staged.close()
        raise
    return staged
