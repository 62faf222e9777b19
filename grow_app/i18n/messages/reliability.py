"""Reliability texts: damaged or locked databases, backups, restore, trash, synced folders."""

NL: dict[str, str] = {
    # database problems (one line each; the file is never touched)
    "reliability.db_corrupt": (
        "{path} is beschadigd of onvolledig (bijvoorbeeld half gekopieerd); het bestand is niet "
        "aangeraakt. Zet een back-up terug met: grow restore BESTAND"
    ),
    "reliability.db_read_only": (
        "{path} is alleen-lezen; grow kan er niets in bewaren. Het bestand is niet aangeraakt."
    ),
    "reliability.db_read_only_folder": (
        "De map {folder} is alleen-lezen; grow kan {path} daar niet veilig gebruiken. "
        "Kies een andere map met --db."
    ),
    "reliability.db_full": (
        "De schijf met {path} is vol; de laatste wijziging is niet bewaard, de rest is ongewijzigd. "
        "Maak ruimte vrij en probeer het opnieuw."
    ),
    "reliability.db_io_error": (
        "{path} kan niet worden gelezen of geschreven (schijffout); er is niets gewijzigd."
    ),
    "reliability.db_in_use": (
        "{path} is nog geopend in een ander grow-venster of -programma; sluit dat eerst."
    ),
    # backups and restore
    "reliability.backup_written": "Back-up gemaakt: {path}",
    "reliability.backup_failed": "Back-up van {path} is mislukt: {reason}",
    "reliability.backup_no_database": "Er is nog geen database op {path}; er valt niets te bewaren.",
    "reliability.no_backups": "Er zijn nog geen back-ups van {path}. Maak er een met: grow backup",
    "reliability.col_taken": "Gemaakt op",
    "reliability.col_size": "Grootte",
    "reliability.col_file": "Bestand",
    "reliability.restore_missing": "{path} bestaat niet.",
    "reliability.restore_not_grow": "{path} is geen grow-database; er is niets hersteld.",
    "reliability.restore_damaged": "{path} is beschadigd; er is niets hersteld.",
    "reliability.restore_newer": (
        "{path} komt uit een nieuwere versie van grow; werk grow bij. Er is niets hersteld."
    ),
    "reliability.restore_same_file": "{path} is de database zelf; kies een back-up.",
    "reliability.restored": "Database hersteld uit {source}.",
    "reliability.restored_previous": "De vorige stand staat in: {backup}",
    "reliability.restore_now": "Nu in {path}:",
    "reliability.restore_from": "In {path}:",
    "reliability.contents": "{partnerships}, {sessions}",
    "reliability.contents_newest": "; nieuwste sessie {date}",
    "reliability.contents_none": "(geen database)",
    "reliability.partnerships_one": "1 partnerschap",
    "reliability.partnerships_many": "{count} partnerschappen",
    "reliability.sessions_one": "1 sessie",
    "reliability.sessions_many": "{count} sessies",
    "reliability.restore_confirm": (
        "De huidige database vervangen door dit bestand? (De huidige stand wordt eerst bewaard.)"
    ),
    "reliability.restore_kept": "Niets hersteld; de database is ongewijzigd.",
    "reliability.restore_no_answer": (
        "Niets hersteld: er kwam geen antwoord. Herstel zonder vraag met: grow restore BESTAND --yes"
    ),
    "reliability.safety_mark": "  (vóór herstel)",
    # trash
    "reliability.kind_partnership": "partnerschap",
    "reliability.kind_session": "sessie",
    "reliability.trash_empty_list": "De prullenbak is leeg.",
    "reliability.trash_unknown": "'{ref}' staat niet in de prullenbak. Bekijk de inhoud met: grow trash list",
    "reliability.trash_ambiguous": "'{ref}' is niet eenduidig: {count} items beginnen zo; geef meer tekens.",
    "reliability.trash_restored": "Teruggezet: {kind} '{label}'.",
    "reliability.trash_restored_parent": "Partnerschap '{name}' is ook teruggezet.",
    "reliability.trash_renamed": (
        "Er bestond al een partnerschap '{name}'; het teruggezette heet nu '{new_name}'."
    ),
    "reliability.trash_renamed_suffix": "{name} (teruggezet)",
    "reliability.trash_confirm_one": "Het enige item in de prullenbak definitief verwijderen?",
    "reliability.trash_confirm_many": "Alle {count} items in de prullenbak definitief verwijderen?",
    "reliability.trash_emptied_one": "1 item definitief verwijderd.",
    "reliability.trash_emptied_many": "{count} items definitief verwijderd.",
    "reliability.trash_kept": "Niets verwijderd.",
    "reliability.trash_no_answer": (
        "Niets verwijderd: er kwam geen antwoord. Leeg de prullenbak zonder vraag met: "
        "grow trash empty --yes"
    ),
    "reliability.confirm_hint": "[j/N]",
    "reliability.with_sessions_one": "{label} (met 1 sessie)",
    "reliability.with_sessions_many": "{label} (met {count} sessies)",
    "reliability.col_kind": "Soort",
    "reliability.col_item": "Wat",
    "reliability.col_deleted": "Verwijderd op",
    # synced folders and file names
    "reliability.sync_warning": (
        "Let op: {path} staat in een map die {provider} synchroniseert. SQLite-bestanden "
        "(met hun -wal-logboek) kunnen daar beschadigd raken. Gebruik liever de standaardplek "
        "{default}; maak met 'grow backup' een kopie die u wél kunt delen."
    ),
    "reliability.network_share": "een netwerkmap",
    "reliability.recovery_failed": "{reason} Ook het herstelbestand kon niet worden geschreven ({error}); de tekst staat nog in het scherm.",
    "reliability.startup_check_failed": "De map van de database kon niet worden gecontroleerd: {reason}",
}

EN: dict[str, str] = {
    "reliability.db_corrupt": (
        "{path} is damaged or incomplete (for example half copied); the file was not touched. "
        "Restore a backup with: grow restore FILE"
    ),
    "reliability.db_read_only": (
        "{path} is read-only; grow cannot save anything in it. The file was not touched."
    ),
    "reliability.db_read_only_folder": (
        "The folder {folder} is read-only; grow cannot use {path} there safely. "
        "Choose another folder with --db."
    ),
    "reliability.db_full": (
        "The disk holding {path} is full; the last change was not saved, the rest is unchanged. "
        "Free some space and try again."
    ),
    "reliability.db_io_error": (
        "{path} cannot be read or written (disk error); nothing was changed."
    ),
    "reliability.db_in_use": (
        "{path} is still open in another grow window or program; close that first."
    ),
    "reliability.backup_written": "Backup written: {path}",
    "reliability.backup_failed": "Backup of {path} failed: {reason}",
    "reliability.backup_no_database": "There is no database at {path} yet; nothing to back up.",
    "reliability.no_backups": "There are no backups of {path} yet. Make one with: grow backup",
    "reliability.col_taken": "Taken at",
    "reliability.col_size": "Size",
    "reliability.col_file": "File",
    "reliability.restore_missing": "{path} does not exist.",
    "reliability.restore_not_grow": "{path} is not a grow database; nothing was restored.",
    "reliability.restore_damaged": "{path} is damaged; nothing was restored.",
    "reliability.restore_newer": (
        "{path} comes from a newer version of grow; please update grow. Nothing was restored."
    ),
    "reliability.restore_same_file": "{path} is the database itself; choose a backup.",
    "reliability.restored": "Database restored from {source}.",
    "reliability.restored_previous": "The previous state is kept in: {backup}",
    "reliability.restore_now": "Now in {path}:",
    "reliability.restore_from": "In {path}:",
    "reliability.contents": "{partnerships}, {sessions}",
    "reliability.contents_newest": "; newest session {date}",
    "reliability.contents_none": "(no database)",
    "reliability.partnerships_one": "1 partnership",
    "reliability.partnerships_many": "{count} partnerships",
    "reliability.sessions_one": "1 session",
    "reliability.sessions_many": "{count} sessions",
    "reliability.restore_confirm": (
        "Replace the current database with this file? (The current state is kept first.)"
    ),
    "reliability.restore_kept": "Nothing was restored; the database is unchanged.",
    "reliability.restore_no_answer": (
        "Nothing was restored: there was no answer. Restore without a question with: "
        "grow restore FILE --yes"
    ),
    "reliability.safety_mark": "  (before restore)",
    "reliability.kind_partnership": "partnership",
    "reliability.kind_session": "session",
    "reliability.trash_empty_list": "The trash is empty.",
    "reliability.trash_unknown": "'{ref}' is not in the trash. See its contents with: grow trash list",
    "reliability.trash_ambiguous": "'{ref}' is ambiguous: {count} items start that way; give more characters.",
    "reliability.trash_restored": "Restored: {kind} '{label}'.",
    "reliability.trash_restored_parent": "Partnership '{name}' was restored as well.",
    "reliability.trash_renamed": (
        "A partnership '{name}' already existed; the restored one is now called '{new_name}'."
    ),
    "reliability.trash_renamed_suffix": "{name} (restored)",
    "reliability.trash_confirm_one": "Delete the only item in the trash for good?",
    "reliability.trash_confirm_many": "Delete all {count} items in the trash for good?",
    "reliability.trash_emptied_one": "1 item deleted for good.",
    "reliability.trash_emptied_many": "{count} items deleted for good.",
    "reliability.trash_kept": "Nothing was deleted.",
    "reliability.trash_no_answer": (
        "Nothing was deleted: there was no answer. Empty the trash without a question with: "
        "grow trash empty --yes"
    ),
    "reliability.confirm_hint": "[y/N]",
    "reliability.with_sessions_one": "{label} (with 1 session)",
    "reliability.with_sessions_many": "{label} (with {count} sessions)",
    "reliability.col_kind": "Kind",
    "reliability.col_item": "What",
    "reliability.col_deleted": "Deleted at",
    "reliability.sync_warning": (
        "Note: {path} lies in a folder synced by {provider}. SQLite files (with their -wal log) "
        "can be damaged there. Prefer the default location {default}; use 'grow backup' to make "
        "a copy you can share."
    ),
    "reliability.network_share": "a network share",
    "reliability.recovery_failed": "{reason} The recovery file could not be written either ({error}); the text is still on the screen.",
    "reliability.startup_check_failed": "The database's folder could not be checked: {reason}",
}
