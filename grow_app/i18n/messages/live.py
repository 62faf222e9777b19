"""Texts of the live meeting: loading, saving, other windows, and the recovery journal."""

NL: dict[str, str] = {
    "session.loading": "De sessie wordt geopend…",
    "ui.nothing_to_copy": (
        "Ctrl+C kopieert wat geselecteerd is (Ctrl+A selecteert alles). Afsluiten: {key}."
    ),
    "session.not_saved": "Niet opgeslagen",
    "session.saving_now": "Alles wordt nu opgeslagen (dat gebeurt ook vanzelf).",
    "session.crossed": (
        "«{where}» is tegelijk in een ander venster gewijzigd. Uw tekst staat erin; de andere "
        "(«{theirs}») is bewaard: Alt+H toont beide."
    ),
    "session.also_changed": (
        "Een ander venster wijzigde dit veld terwijl u typte («{theirs}»). Uw tekst blijft staan; "
        "de andere is bewaard bij de versies (Alt+H)."
    ),
    "session.removed_elsewhere": (
        "Deze sessie is in een ander venster verwijderd (prullenbak). Wat u typt wordt nog bewaard."
    ),
    "session.versions_elsewhere": "ander venster",
    "session.remote_failed": (
        "Wat een ander venster bewaarde, kon hier niet worden getoond (details in {log}); uw "
        "eigen tekst wordt gewoon bewaard. Open de sessie opnieuw om alles te zien."
    ),
    "session.join": "Meedoen",
    "session.join.tip": "Deelnemers doen mee vanaf hun telefoon: code, adres en QR-code (F5)",
    "session.close_join": "Meedoen sluiten",
    "session.close_join.tip": "De code werkt niet meer (Shift+F5)",
    "join.take_no_answer": "Deze vraag heeft geen antwoordvak om de tekst in te zetten.",
    "join.closed_by_facilitator": "Meedoen is gesloten: de code werkt niet meer.",
    "ui.session_failed": "De sessie kon niet worden geopend ({kind}; details in {log}).",
    "recovery.title": "Niet opgeslagen tekst gevonden ({count}): zet terug wat u wilt houden",
    "recovery.kept": "Bewaard in herstel/:",
    "recovery.current": "Nu in de database:",
    "recovery.empty": "(leeg)",
    "recovery.hint": (
        "Enter: terugzetten (de huidige tekst blijft bij de versies) · Delete: opzij leggen "
        "(naar herstel/verwerkt/) · Esc: later beslissen"
    ),
    "recovery.kind_action": "Actie",
    "recovery.kind_participant": "Deelnemer",
    "recovery.kind_parking": "Parkeerplaats",
    "recovery.take": "terugzetten",
    "recovery.take.tip": "Deze tekst weer in het antwoord zetten",
    "recovery.aside": "opzij",
    "recovery.aside.tip": "De tekst in de database houden; deze gaat naar herstel/verwerkt/",
    "recovery.later": "later",
    "recovery.later.tip": "Nu niets kiezen; de volgende keer opnieuw vragen",
}

EN: dict[str, str] = {
    "session.loading": "Opening the session…",
    "ui.nothing_to_copy": "Ctrl+C copies what is selected (Ctrl+A selects everything). Quit: {key}.",
    "session.not_saved": "Not saved",
    "session.saving_now": "Saving everything now (it also happens by itself).",
    "session.crossed": (
        "«{where}» was changed in another window at the same time. Your text is in it; the other "
        "one («{theirs}») is kept: Alt+H shows both."
    ),
    "session.also_changed": (
        "Another window changed this field while you were typing («{theirs}»). Your text stays; "
        "the other one is kept with the versions (Alt+H)."
    ),
    "session.removed_elsewhere": (
        "This session was deleted in another window (trash). What you type is still saved."
    ),
    "session.versions_elsewhere": "other window",
    "session.remote_failed": (
        "What another window saved could not be shown here (details in {log}); your own text is "
        "saved as usual. Open the session again to see everything."
    ),
    "session.join": "Join",
    "session.join.tip": "Participants join from their phones: code, address and QR code (F5)",
    "session.close_join": "Close joining",
    "session.close_join.tip": "The code stops working (Shift+F5)",
    "join.take_no_answer": "This question has no answer field to put the text in.",
    "join.closed_by_facilitator": "Joining is closed: the code no longer works.",
    "ui.session_failed": "The session could not be opened ({kind}; details in {log}).",
    "recovery.title": "Unsaved text found ({count}): bring back what you want to keep",
    "recovery.kept": "Kept in herstel/:",
    "recovery.current": "Now in the database:",
    "recovery.empty": "(empty)",
    "recovery.hint": (
        "Enter: bring it back (the current text stays with the versions) · Delete: set aside "
        "(to herstel/verwerkt/) · Esc: decide later"
    ),
    "recovery.kind_action": "Action",
    "recovery.kind_participant": "Participant",
    "recovery.kind_parking": "Parking lot",
    "recovery.take": "bring back",
    "recovery.take.tip": "Put this text back into the answer",
    "recovery.aside": "set aside",
    "recovery.aside.tip": "Keep the database's text; this one goes to herstel/verwerkt/",
    "recovery.later": "later",
    "recovery.later.tip": "Choose nothing now; ask again next time",
}
