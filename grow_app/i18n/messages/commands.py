"""Help texts of the ``grow`` command line: one per command (``command.<path>``) and one per
option (``command.<path>.<option>``). The commands name these keys (``help="command.export"``);
:func:`grow_app.cli.click_nl.localise` puts the text in the interface language in their place,
so ``grow --help`` is Dutch, and English with ``--lang en``, ``GROW_LANG=en`` or the setting.

A text of more than one paragraph keeps its blank line: click wraps each paragraph itself."""

NL: dict[str, str] = {
    "command.grow": "grow: gesprekskaarten voor partnerschappen, live vastgelegd.",
    "command.grow.version": "Toon de versie van grow en stop.",
    "command.grow.db": "Databasebestand (standaard in de gebruikersmap; ook via GROW_DB).",
    "command.grow.lang": "Taal van de interface: nl (standaard) of en.",
    "command.grow.cards": "Extra map met kaarten (mag vaker).",
    "command.card": "Id van de kaart, zie: grow cards list.",
    "command.table_or_json": "Als tabel of als JSON.",
    "command.yes": "Niet om bevestiging vragen.",
    "command.backup": (
        "Maak nu een back-up van de database (in de map backups/ ernaast); toont het pad."
    ),
    "command.backup.list": "Toon de bestaande back-ups in plaats van er een te maken.",
    "command.restore": (
        "Zet de database terug uit BESTAND (een back-up); de huidige stand wordt eerst bewaard."
        "\n\nEen losse bestandsnaam wordt ook in de map backups/ naast de database gezocht."
    ),
    "command.cards": "Kaarten bekijken en controleren.",
    "command.cards.check": "Controleer kaartbestanden (TOML); één regel per probleem.",
    "command.cards.list": "Toon alle kaarten die grow kent.",
    "command.cards.show": "Toon een kaart: fasen, secties en vragen.",
    "command.cards.show.format": "Uitvoer als leesbare tekst of als JSON (de hele kaart).",
    "command.compare": (
        "Vergelijk de laatste sessie van elk partnerschap op een kaart, als Word of CSV."
    ),
    "command.compare.partnership": "Alleen dit partnerschap (mag vaker; standaard alle).",
    "command.compare.region": (
        "Alleen partnerschappen in deze onderwijsregio (hoofdletters maken niet uit)."
    ),
    "command.compare.sector": "Alleen partnerschappen in deze sector (po, vo, ...).",
    "command.compare.format": (
        "docx: Word-document voor het bestuur; csv: één regel per partnerschap, vraag en "
        "onderdeel. Standaard: volgens de naam bij -o (.docx, .csv), anders docx."
    ),
    "command.compare.output": (
        "Bestand of map (standaard: in exports/ in de huidige map, genoemd naar de kaart en de "
        "datum, zoals vergelijking-gesprekskaart-sop-2026-03-14.docx; het Word-document in de "
        "taal van de kaart). Een bestaand bestand wordt nooit overschreven: het nieuwe krijgt "
        "-2, -3 enzovoort."
    ),
    "command.demo": (
        "Maak een voorbeelddatabase met drie partnerschappen en open het vergelijkscherm."
    ),
    "command.demo.db": "Bestand voor de voorbeelddatabase (standaard demo.db in de gegevensmap).",
    "command.demo.no_open": "Alleen de voorbeelddatabase maken, niet openen.",
    "command.export": "Maak het positiepaper van een sessie (SESSIE: id of uniek begin van het id).",
    "command.export.all": "Exporteer alle sessies, elk naar een eigen bestand in de map van -o.",
    "command.export.format": (
        "docx: Word-positiepaper; md: markdown voor e-mail en wiki; json: bundel voor de "
        "programmamanager (grow import). Standaard: volgens de naam bij -o (.docx, .md, .json), "
        "anders docx."
    ),
    "command.export.output": (
        "Bestand of map (standaard: in exports/ in de huidige map, genoemd naar het partnerschap "
        "en de datum, zoals positiepaper-aos-oost-nederland-2026-03-14.docx; een paper in de taal "
        "van de kaart, een bundel in die van grow). Een bestaand bestand wordt nooit "
        "overschreven: het nieuwe krijgt -2, -3 enzovoort."
    ),
    "command.export.template": (
        "Word-document met de huisstijl: stijlen, marges, kop- en voettekst en logo."
    ),
    "command.export.skip_empty": (
        "Laat onbeantwoorde vragen weg in plaats van '(nog niet besproken)'."
    ),
    "command.export.with_contributions": (
        "Met de bijlage 'Inbreng van deelnemers': wat deelnemers stuurden en de stemmingen."
    ),
    "command.import": (
        "Lees bundels (JSON) van andere laptops in en voeg ze samen met deze database.\n\n"
        "Van een map worden alle .json-bestanden erin gelezen. Alle bestanden worden eerst "
        "volledig gecontroleerd; is er één fout, dan wordt niets ingelezen. Per antwoord wint de "
        "nieuwste versie; twee keer dezelfde bundel verandert niets."
    ),
    "command.open": "Open een sessie, direct bij de eerste onbeantwoorde vraag.",
    "command.partnership": "Partnerschappen beheren.",
    "command.partnership.add": "Voeg een partnerschap toe.",
    "command.partnership.add.region": "De onderwijsregio van het partnerschap.",
    "command.partnership.add.sector": (
        "Sector: po, vo, vso, so, mbo of ho (mag vaker, of met komma's)."
    ),
    "command.partnership.list": "Toon alle partnerschappen.",
    "command.serve": (
        "Toon grow in de browser (met textual-serve): elk tabblad werkt in dezelfde database."
    ),
    "command.serve.host": (
        "Adres waarop grow luistert. Standaard alleen deze computer; met een ander adres "
        "(bijvoorbeeld 0.0.0.0) kan iedereen die de poort bereikt de gegevens lezen en wijzigen, "
        "behalve met --join: dan bereikt het netwerk alleen de meedoen-pagina."
    ),
    "command.serve.port": "Poort waarop grow luistert.",
    "command.serve.open": (
        "Open in elk browsertabblad direct deze sessie (id of uniek begin van het id), zodat bij "
        "hybride overleg iedereen in hetzelfde gesprek begint."
    ),
    "command.serve.join": (
        "Laat deelnemers meedoen aan deze sessie vanaf hun eigen telefoon of laptop: grow maakt "
        "een code en toont het adres van de meedoen-pagina. De code werkt tot de server stopt."
    ),
    "command.serve.anonymous": "Met --join: deelnemers mogen ook zonder naam meedoen.",
    "command.session": "Sessies (gesprekken op een kaart) beheren.",
    "command.session.list": "Toon sessies met kaart, datum en voortgang.",
    "command.session.list.partnership": "Alleen de sessies van dit partnerschap.",
    "command.session.new": "Maak een nieuwe sessie aan; het id staat op de laatste regel.",
    "command.session.new.date": "Datum van het gesprek (standaard vandaag).",
    "command.session.new.facilitator": "Naam van de gespreksleider.",
    "command.session.new.participant": "Deelnemer (mag vaker).",
    "command.session.show": "Toon één sessie (id of het begin daarvan).",
    "command.session.show.format": "Als leesbare tekst of als JSON.",
    "command.trash": (
        "De prullenbak: verwijderde partnerschappen en sessies bekijken, terugzetten of legen."
    ),
    "command.trash.empty": (
        "Leeg de prullenbak: wat erin ligt, is daarna definitief weg (back-ups blijven bestaan)."
    ),
    "command.trash.list": "Toon wat in de prullenbak ligt, het laatst verwijderde eerst.",
    "command.trash.restore": (
        "Zet een partnerschap of sessie terug (id of de eerste tekens ervan, zie: grow trash list)."
    ),
}

EN: dict[str, str] = {
    "command.grow": "grow: conversation cards for partnerships, captured live.",
    "command.grow.version": "Show grow's version and exit.",
    "command.grow.db": "Database file (by default in your user folder; also via GROW_DB).",
    "command.grow.lang": "Language of the interface: nl (the default) or en.",
    "command.grow.cards": "An extra folder of cards (may be given more than once).",
    "command.card": "The card's id, see: grow cards list.",
    "command.table_or_json": "As a table or as JSON.",
    "command.yes": "Do not ask for confirmation.",
    "command.backup": (
        "Make a backup of the database now (in the backups/ folder beside it); shows its path."
    ),
    "command.backup.list": "Show the existing backups instead of making one.",
    "command.restore": (
        "Restore the database from FILE (a backup); the current state is kept first."
        "\n\nA bare file name is also looked for in the backups/ folder beside the database."
    ),
    "command.cards": "View and check cards.",
    "command.cards.check": "Check card files (TOML); one line per problem.",
    "command.cards.list": "Show every card grow knows.",
    "command.cards.show": "Show a card: its phases, sections and questions.",
    "command.cards.show.format": "Output as readable text or as JSON (the whole card).",
    "command.compare": (
        "Compare the latest session of each partnership on a card, as Word or CSV."
    ),
    "command.compare.partnership": (
        "Only this partnership (may be given more than once; all of them by default)."
    ),
    "command.compare.region": (
        "Only partnerships in this education region (onderwijsregio; case does not matter)."
    ),
    "command.compare.sector": "Only partnerships in this sector (po, vo, ...).",
    "command.compare.format": (
        "docx: a Word document for the board; csv: one line per partnership, question and "
        "part. Default: from the name given with -o (.docx, .csv), otherwise docx."
    ),
    "command.compare.output": (
        "File or folder (default: in exports/ in the current folder, named after the card and "
        "the date, such as comparison-gesprekskaart-sop-2026-03-14.csv; the Word document in its "
        "card's language, vergelijking-... for a Dutch card). An existing file is never "
        "overwritten: the new one gets -2, -3 and so on."
    ),
    "command.demo": (
        "Make a sample database with three partnerships and open the comparison screen."
    ),
    "command.demo.db": "File for the sample database (default: demo.db in the data folder).",
    "command.demo.no_open": "Only make the sample database, do not open it.",
    "command.export": "Make a session's position paper (SESSION: its id or a unique start of it).",
    "command.export.all": (
        "Export every session, each to a file of its own in the folder given with -o."
    ),
    "command.export.format": (
        "docx: a Word position paper; md: markdown for e-mail and wikis; json: a bundle for the "
        "programme manager (grow import). Default: from the name given with -o (.docx, .md, "
        ".json), otherwise docx."
    ),
    "command.export.output": (
        "File or folder (default: in exports/ in the current folder, named after the partnership "
        "and the date; a paper in its card's language, such as "
        "positiepaper-aos-oost-nederland-2026-03-14.docx for a Dutch card, a bundle in English: "
        "bundle-aos-oost-nederland-2026-03-14.json). An existing file is never overwritten: the "
        "new one gets -2, -3 and so on."
    ),
    "command.export.template": (
        "A Word document with the house style: styles, margins, header and footer, and logo."
    ),
    "command.export.skip_empty": (
        "Leave unanswered questions out instead of marking them '(not discussed yet)'."
    ),
    "command.export.with_contributions": (
        "With the appendix 'Contributions of participants': what participants sent and the votes."
    ),
    "command.import": (
        "Read bundles (JSON) from other laptops and merge them into this database.\n\n"
        "From a folder, every .json file in it is read. All files are checked in full first; "
        "if one has an error, nothing is read in. Per answer the newest version wins; the same "
        "bundle read twice changes nothing."
    ),
    "command.open": "Open a session, straight at the first unanswered question.",
    "command.partnership": "Manage partnerships.",
    "command.partnership.add": "Add a partnership.",
    "command.partnership.add.region": "The partnership's education region (onderwijsregio).",
    "command.partnership.add.sector": (
        "Sector: po, vo, vso, so, mbo or ho (may be given more than once, or with commas)."
    ),
    "command.partnership.list": "Show all partnerships.",
    "command.serve": (
        "Show grow in the browser (with textual-serve): every tab works in the same database."
    ),
    "command.serve.host": (
        "Address grow listens on. By default only this computer; with another address (for "
        "example 0.0.0.0) anyone who reaches the port can read and change the data, except "
        "with --join: then the network reaches only the join page."
    ),
    "command.serve.port": "Port grow listens on.",
    "command.serve.open": (
        "Open this session (its id or a unique start of it) in every browser tab at once, so "
        "that in a hybrid meeting everyone starts in the same conversation."
    ),
    "command.serve.join": (
        "Let participants join this session from their own phone or laptop: grow makes a code "
        "and shows the address of the join page. The code works until the server stops."
    ),
    "command.serve.anonymous": "With --join: participants may also join without a name.",
    "command.session": "Manage sessions (conversations on a card).",
    "command.session.list": "Show sessions with their card, date and progress.",
    "command.session.list.partnership": "Only the sessions of this partnership.",
    "command.session.new": "Start a new session; its id is on the last line.",
    "command.session.new.date": "Date of the meeting (today by default).",
    "command.session.new.facilitator": "Name of the facilitator.",
    "command.session.new.participant": "A participant (may be given more than once).",
    "command.session.show": "Show one session (its id or the start of it).",
    "command.session.show.format": "As readable text or as JSON.",
    "command.trash": "The trash: view, restore or empty deleted partnerships and sessions.",
    "command.trash.empty": "Empty the trash: what is in it is then gone for good (backups stay).",
    "command.trash.list": "Show what is in the trash, the most recently deleted first.",
    "command.trash.restore": (
        "Restore a partnership or session (its id or its first characters, see: grow trash list)."
    ),
}
