"""Every area's interface texts exist in Dutch and English with the same placeholders.

This protects every module in grow_app/i18n/messages/, including those other areas add.
"""

from __future__ import annotations

import string

import pytest

from grow_app.i18n import area_modules, set_language, t

MODULES = area_modules()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_there_is_at_least_the_core_module():
    assert "grow_app.i18n.messages.core" in {m.__name__ for m in MODULES}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_dutch_and_english_have_the_same_keys_and_placeholders(module):
    nl, en = module.NL, module.EN
    assert sorted(set(nl) - set(en)) == [], "keys only in NL"
    assert sorted(set(en) - set(nl)) == [], "keys only in EN"
    different = {
        key: (placeholders(nl[key]), placeholders(en[key]))
        for key in nl
        if placeholders(nl[key]) != placeholders(en[key])
    }
    assert different == {}
    assert all(isinstance(v, str) and v for v in [*nl.values(), *en.values()])


# Areas whose keys all carry the area's name first, and areas whose texts are one line each
# (they end up in a one-line status or error message).
PREFIXES = {"commands": "command.", "reliability": "reliability.", "ui": "ui."}
ONE_LINE = {"reliability"}


@pytest.mark.parametrize("area", sorted(PREFIXES))
def test_an_areas_keys_start_with_its_name(area):
    module = next(m for m in MODULES if m.__name__.rsplit(".", 1)[-1] == area)
    assert [key for key in module.NL if not key.startswith(PREFIXES[area])] == []


@pytest.mark.parametrize("area", sorted(ONE_LINE))
def test_an_areas_texts_are_one_line(area):
    module = next(m for m in MODULES if m.__name__.rsplit(".", 1)[-1] == area)
    texts = [*module.NL.values(), *module.EN.values()]
    assert [text for text in texts if "\n" in text] == []


def test_no_key_is_defined_by_two_modules():
    """Modules are merged into one catalog; a key in two modules would silently win or lose."""
    seen: dict[str, str] = {}
    clashes = []
    for module in MODULES:
        for key in module.NL:
            if key in seen:
                clashes.append(f"{key}: {seen[key]} and {module.__name__}")
            seen[key] = module.__name__
    assert clashes == []


def test_t_switches_language_and_fills_placeholders():
    set_language("nl")
    assert t("error.unknown_card", name="x") == "Kaart 'x' bestaat niet."
    set_language("en")
    assert t("error.unknown_card", name="x") == "Card 'x' does not exist."
    set_language("fr")  # unknown languages fall back to Dutch
    assert t("error.unknown_card", name="x") == "Kaart 'x' bestaat niet."


def test_values_with_braces_are_not_formatted_again():
    assert t("error.unknown_card", name="{name}{0}") == "Kaart '{name}{0}' bestaat niet."


def test_a_missing_placeholder_value_does_not_crash():
    assert (
        t("error.bad_date")
        == "'{value}' is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-03-14."
    )
    assert t("db.newer_schema", path="x.db", found=3).count("{known}") == 1
    assert t("nog.geen.tekst", name="x") == "nog.geen.tekst"  # unknown keys show the key


def test_each_key_prefix_names_every_module_that_holds_its_texts():
    """``AREAS_BY_PREFIX`` decides which modules a text loads; a prefix missing there, or a
    module missing for it, would load all of them (still right, only slower)."""
    from grow_app.i18n import AREAS_BY_PREFIX

    holders: dict[str, set[str]] = {}
    seen: dict[str, str] = {}
    for module in MODULES:
        area = module.__name__.rsplit(".", 1)[-1]
        for key in module.NL:
            holders.setdefault(key.split(".", 1)[0], set()).add(area)
            assert key not in seen, f"{key} is in {seen[key]} and {area}: which one wins?"
            seen[key] = area
    assert {prefix: set(areas) for prefix, areas in AREAS_BY_PREFIX.items()} == holders


def test_a_text_loads_only_the_modules_of_its_prefix():
    """In a fresh interpreter: ``t("cli....")`` imports the core texts, not the join or the
    compare texts; a key with an unknown prefix still finds its text by loading the rest."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from grow_app.i18n import t\n"
        "assert t('cli.help_option') != 'cli.help_option'\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('grow_app.i18n.messages.'))\n"
        "print(' '.join(loaded))\n"
        "assert t('nope.nothing') == 'nope.nothing'\n"
        "print(len([m for m in sys.modules if m.startswith('grow_app.i18n.messages.')]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "grow_app.i18n.messages.core"
    assert int(out[1]) == len(MODULES)


def test_a_text_in_another_language_leaves_the_interface_language_alone(monkeypatch):
    """``t_in`` made a document's texts by switching the whole interface's language for a
    moment: a paper made in a worker thread could show the screen's texts in the card's
    language meanwhile. Now it never sets the language at all."""
    import grow_app.i18n as i18n

    set_language("nl")

    def refuse(lang):
        raise AssertionError(f"the interface's language was set to {lang}")

    monkeypatch.setattr(i18n, "set_language", refuse)
    template = i18n._template
    seen: list[str] = []

    def watched(key, lang):  # the interface's language while a text is looked up
        seen.append(i18n.language())
        return template(key, lang)

    monkeypatch.setattr(i18n, "_template", watched)
    assert i18n.t_in("en", "error.unknown_card", name="x") == "Card 'x' does not exist."
    assert i18n.tn_in("en", "card.invalid_summary", 2) == "2 card files with errors."
    assert i18n.t("error.unknown_card", name="x") == "Kaart 'x' bestaat niet."
    assert seen and set(seen) == {"nl"}
