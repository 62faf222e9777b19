"""The session palette's question search: every word must occur; the question's own text ranks
above its sub-items and section."""

from __future__ import annotations

from grow_app.ui.commands import word_score

SHOWN = "wat zijn de succesfactoren van onze samenwerking?"
HAYSTACK = SHOWN + " bestuur scholen reality · samen opleiden"


def test_every_word_must_occur_in_any_order() -> None:
    assert word_score(["factoren", "succes"], SHOWN, HAYSTACK) > 0
    assert word_score(["factoren", "geld"], SHOWN, HAYSTACK) == 0


def test_words_in_the_question_itself_rank_above_words_in_its_items() -> None:
    in_text = word_score(["samenwerking"], SHOWN, HAYSTACK)
    in_items = word_score(["bestuur"], SHOWN, HAYSTACK)
    assert in_text > in_items > 0
    assert word_score(["wat"], SHOWN, HAYSTACK) > in_text  # and it starts the question
