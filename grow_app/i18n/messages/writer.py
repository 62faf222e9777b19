"""Texts of the writer: what the status line says while changes wait for the database."""

NL: dict[str, str] = {
    "writer.locked": (
        "Nog niet opgeslagen: een ander programma houdt de database bezet. grow blijft het "
        "proberen; uw tekst staat veilig in {journal}."
    ),
    "writer.full": (
        "Nog niet opgeslagen: de schijf is vol. Maak ruimte vrij; grow blijft het proberen en uw "
        "tekst staat veilig in {journal}."
    ),
    "writer.read_only": (
        "Nog niet opgeslagen: {path} is alleen-lezen geworden. grow blijft het proberen; uw "
        "tekst staat veilig in {journal}."
    ),
    "writer.io_error": (
        "Nog niet opgeslagen: {path} kan niet worden geschreven (schijffout). grow blijft het "
        "proberen; uw tekst staat veilig in {journal}."
    ),
    "writer.damaged": (
        "Nog niet opgeslagen: {path} is beschadigd. Uw tekst staat veilig in {journal}; zet een "
        "back-up terug met grow restore."
    ),
    "writer.file_gone": (
        "Nog niet opgeslagen: het databasebestand {path} is weg (verplaatst of verwijderd). "
        "Zet het terug, dan slaat grow alles alsnog op; uw tekst staat veilig in {journal}."
    ),
    "writer.old_schema": (
        "Nog niet opgeslagen: {path} wordt nog bijgewerkt naar deze versie van grow; uw tekst "
        "staat veilig in {journal}."
    ),
    "writer.session_gone": (
        "Deze sessie is in een ander venster definitief verwijderd: wat u typt kan niet meer in "
        "de database, maar staat veilig in {journal}."
    ),
    "writer.unexpected": (
        "Nog niet opgeslagen door een onverwachte fout ({kind}; details in {log}). Uw tekst staat "
        "veilig in {journal}."
    ),
    "writer.journal_failed": (
        "Ook het herstelbestand lukte niet ({reason}): sluit grow niet af, de tekst staat nog in "
        "het scherm."
    ),
}

EN: dict[str, str] = {
    "writer.locked": (
        "Not saved yet: another program keeps the database locked. grow keeps trying; your text "
        "is safe in {journal}."
    ),
    "writer.full": (
        "Not saved yet: the disk is full. Free some space; grow keeps trying and your text is "
        "safe in {journal}."
    ),
    "writer.read_only": (
        "Not saved yet: {path} has become read-only. grow keeps trying; your text is safe in "
        "{journal}."
    ),
    "writer.io_error": (
        "Not saved yet: {path} cannot be written (disk error). grow keeps trying; your text is "
        "safe in {journal}."
    ),
    "writer.damaged": (
        "Not saved yet: {path} is damaged. Your text is safe in {journal}; restore a backup with "
        "grow restore."
    ),
    "writer.file_gone": (
        "Not saved yet: the database file {path} is gone (moved or deleted). Put it back and grow "
        "saves everything; your text is safe in {journal}."
    ),
    "writer.old_schema": (
        "Not saved yet: {path} is still being updated to this version of grow; your text is safe "
        "in {journal}."
    ),
    "writer.session_gone": (
        "This session was deleted for good in another window: what you type can no longer go "
        "into the database, but it is safe in {journal}."
    ),
    "writer.unexpected": (
        "Not saved yet because of an unexpected error ({kind}; details in {log}). Your text is "
        "safe in {journal}."
    ),
    "writer.journal_failed": (
        "The recovery file failed too ({reason}): do not close grow, the text is still on the "
        "screen."
    ),
}
