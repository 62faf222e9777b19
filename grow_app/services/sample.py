"""A realistic answered meeting on the main card: for the docs picture, benchmarks and tests.

Built through the services (as the app does), so the texts are cleaned and stored like real ones.
The partnership and its answers are invented but typical of an SO&P partnership in the east of
the Netherlands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from grow_app.card.loader import CardCatalog
    from grow_app.services.meeting import Meeting

SOP_CARD = "gesprekskaart-sop"
GRID_CARD = "strategiesessie-schaalniveaus"

KEY_MESSAGE = (
    "Ons partnerschap is de infrastructuur waarmee de Onderwijsregio Achterhoek haar "
    "opleidingsopgave waarmaakt. Wij vragen het bestuur de basiskwaliteit van het Samen Opleiden "
    "te borgen en de financiering voor 2027 vóór de zomer vast te leggen."
)

TEXT_ANSWERS: dict[tuple[str, str], str] = {
    ("goal-doelen", ""): (
        "Samen zorgen we voor genoeg goede leraren in de Achterhoek, in po, vo en mbo.\n"
        "- elke student krijgt een rijke werkplek met een geschoolde werkplekbegeleider;\n"
        "- startende leraren krijgen drie jaar begeleiding;\n"
        "- zij-instromers vinden één loket voor hun opleiding."
    ),
    ("goal-verhouding", "functies"): (
        "Onze doelen dekken opleiden, begeleiden en professionaliseren. Werven en matchen doen "
        "we nu per bestuur; daar ligt een kans voor de Onderwijsregio."
    ),
    ("goal-verhouding", "ambitie"): (
        "Wij leiden nu zo'n 70% van de studenten samen op. De 100%-ambitie vraagt meer "
        "opleidingsplaatsen in het mbo en in het (v)so."
    ),
    ("goal-regiovorming", ""): (
        "De onderwijsregio is voor ons geen nieuw begin maar een bevestiging van wat we al samen "
        "doen. We willen dat de regio voortbouwt op de bestaande opleidingsscholen."
    ),
    ("goal-bijdrage", "lerarentekort"): (
        "Meer zij-instromers opleiden via ons regionale traject en studenten na hun diploma "
        "vasthouden met een baangarantie bij een van de besturen."
    ),
    ("goal-bijdrage", "aantrekkelijkheid"): (
        "Goede begeleiding in de eerste jaren en zichtbare loopbaanpaden voor leraren in de regio."
    ),
    ("reality-meerwaarde", ""): (
        "Besturen, scholen en opleidingen kennen elkaar en spreken één taal over goed opleiden. "
        "Studenten stromen vaker door naar een baan in de regio."
    ),
    ("reality-bereikt", "functies"): (
        "- opleiden en begeleiden: één gezamenlijk curriculum op de werkplek;\n"
        "- professionaliseren: jaarlijkse leerlijn voor schoolopleiders;\n"
        "- werven en matchen: nog per bestuur geregeld."
    ),
    ("reality-bereikt", "ambitie"): "Ongeveer 70% van de studenten leidt nu samen op.",
    ("reality-succesfactoren", ""): (
        "Vaste gezichten bij scholen én opleidingen, korte lijnen tussen de bestuurders en een "
        "gedeeld kwaliteitskader dat elk jaar samen wordt geëvalueerd."
    ),
    ("reality-basiskwaliteit", ""): (
        "We hebben een samenwerkingsovereenkomst met alle besturen en de HAN. Jaarlijks visiteren "
        "we elkaar. De subsidie dekt de basis; werkplekbegeleiding betalen de besturen zelf."
    ),
    ("reality-inzichtelijk", ""): (
        "Met een jaarverslag en een dashboard met instroom, uitval en doorstroom naar een baan."
    ),
    ("reality-informatie", ""): (
        "Via de bestuurders in het regionale overleg en de nieuwsbrief van het ministerie; "
        "de informatie komt laat en versnipperd binnen."
    ),
    ("reality-relevante-regios", ""): "Vooral de Achterhoek; voor het mbo ook Arnhem-Nijmegen.",
    ("reality-verloop", ""): (
        "De vorming loopt traag. De po-besturen nemen het voortouw; het mbo en de "
        "lerarenopleidingen zijn nog weinig aangehaakt."
    ),
    ("reality-andere-partijen", ""): (
        "Het RAP-project Achterhoek, de gemeenten Doetinchem en Winterswijk en het regionale "
        "werkgeversnetwerk. We werken goed samen, maar hun rol in de regiovorming is nog onduidelijk."
    ),
    ("options-basiskwaliteit", ""): (
        "Minimaal nodig:\n"
        "- een gedeelde visie op opleiden in de school;\n"
        "- geschoolde schoolopleiders en werkplekbegeleiders;\n"
        "- facilitering in uren, vastgelegd in de begroting."
    ),
    ("options-meerwaarde-infrastructuur", "functies"): (
        "Ons netwerk van opleidingsscholen kan ook werven en matchen dragen."
    ),
    ("options-meerwaarde-infrastructuur", "sectoren"): (
        "We brengen po, vo en mbo al samen in één stuurgroep."
    ),
    ("options-meerwaarde-infrastructuur", "ambitie"): "Onze opleidingsplaatsen zijn de basis.",
    ("options-meerwaarde-infrastructuur", "basiskwaliteit"): (
        "Het gedeelde kwaliteitskader en de jaarlijkse visitatie."
    ),
    ("options-nodig", "functies"): "Eén regionaal loket voor werven en matchen.",
    ("options-nodig", "sectoren"): "Een intersectorale werkgroep met mandaat.",
    ("options-nodig", "ambitie"): "Extra opleidingsplaatsen in mbo en (v)so.",
    ("options-keuzemogelijkheden", ""): (
        "Wij zien twee routes: het partnerschap wordt de uitvoeringsorganisatie van de "
        "Onderwijsregio, of we blijven een zelfstandige partner met een vaste zetel in het overleg."
    ),
    ("options-consequenties", "basiskwaliteit"): "In beide routes blijft het kader leidend.",
    ("options-consequenties", "inrichting"): (
        "Route 1 vraagt een zwaarder programmabureau en een andere governance."
    ),
    ("options-rol", ""): (
        "De voorzitter van de stuurgroep en de coördinator vertegenwoordigen het partnerschap in "
        "het regionale overleg. We leveren actief cijfers en voorstellen aan."
    ),
    ("options-positie", ""): "Als de opleidingsinfrastructuur van de Onderwijsregio Achterhoek.",
    ("options-kansen-risicos", "basiskwaliteit"): (
        "Kans: één kader voor de hele regio. Risico: verwatering als de middelen worden verdeeld."
    ),
    ("options-kansen-risicos", "functies"): "Kans: werven en matchen sluiten aan op opleiden.",
    ("options-kansen-risicos", "ambitie"): "Risico: te weinig opleidingsplaatsen in het mbo.",
    ("options-behouden", ""): (
        "De vaste gezichten, het gedeelde kwaliteitskader en de korte lijnen met de HAN."
    ),
    ("options-anders", ""): "Werven en matchen regionaal organiseren in plaats van per bestuur.",
    ("options-financiering", ""): (
        "Meerjarige afspraken over de subsidie Samen Opleiden, aangevuld met een bijdrage per "
        "bestuur naar rato van het aantal studenten."
    ),
}

RECOMMENDATIONS: dict[str, tuple[str, str]] = {
    "aangehaakt": ("deels", "We zitten aan tafel, maar nog niet in de stuurgroep van de regio."),
    "maatschappelijke-opdracht": ("ja", "Dit is het uitgangspunt van onze stuurgroep."),
    "meerwaarde-bewust": ("deels", "Bij de po-besturen wel, bij de gemeenten nog niet."),
    "basiskwaliteit-inzichtelijk": (
        "nee",
        "Ons kwaliteitskader bestaat, maar de kosten ervan zijn nog niet in beeld.",
    ),
}

ACTIONS: list[tuple[str, str, str]] = [
    ("Positiepaper bespreken in het bestuurlijk overleg", "Anna de Vries", "april 2026"),
    ("Kosten van de basiskwaliteit in beeld brengen", "Bram Jansen (HAN)", "1 juni 2026"),
    ("Zetel in de stuurgroep van de Onderwijsregio aanvragen", "voorzitter stuurgroep", "mei 2026"),
]

PARKING_LOT = [
    "Hoe betrekken we de kinderopvang bij werven voor het po?",
    "Gezamenlijke vacaturebank met het RAP-project onderzoeken.",
]

PARTICIPANTS = [
    ("Bram Jansen", "HAN University of Applied Sciences", "opleider"),
    ("Fatima El Amrani", "Stichting Achterhoek VO", "bestuurder"),
    ("Joost Hendriks", "Graafschap College", "teamleider"),
    ("Marieke ter Horst", "Openbaar Primair Onderwijs Achterhoek", "schoolopleider"),
]


def answer_everything(meeting: Meeting) -> Meeting:
    """Fill every question of the main card with realistic answers (in all four phases)."""
    from grow_app.records import Participant

    meeting.set_participants([Participant(*p) for p in PARTICIPANTS])
    meeting.set_key_message(KEY_MESSAGE)
    for (question_id, key), text in TEXT_ANSWERS.items():
        meeting.save_answer(question_id, key, text)
    for key, (status, text) in RECOMMENDATIONS.items():
        meeting.set_status("way-forward-aanbevelingen", key, status)
        meeting.save_answer("way-forward-aanbevelingen", key, text)
    for wat, wie, wanneer in ACTIONS:
        meeting.add_action(wat, wie, wanneer)
    for text in PARKING_LOT:
        meeting.park(text)
    return meeting


def sample_meeting(
    db: Database,
    catalog: CardCatalog,
    *,
    name: str = "AOS Oost Nederland",
    region: str = "Achterhoek",
    date: str = "2026-03-14",
) -> Meeting:
    """A new partnership with one fully answered session on the main card."""
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import add_partnership
    from grow_app.services.sessions import start_session

    partnership = add_partnership(db, name, region, ["po", "vo", "mbo"])
    session = start_session(
        db, catalog, partnership, SOP_CARD, date=date, facilitator="Anna de Vries"
    )
    meeting = Meeting(db, catalog.get(SOP_CARD), session)
    return answer_everything(meeting)


GRID_ANSWERS: dict[tuple[str, str], str] = {
    ("werven", "school"): "Open dagen en meeloopdagen",
    ("werven", "onderwijsregio"): "Eén regionale wervingscampagne",
    ("matchen", "bestuur"): "Stageplaatsen verdelen over de scholen",
    ("matchen", "onderwijsregio"): "Regionale vacaturebank",
    ("opleiden", "school"): "- werkplekleren\n- intervisie",
    ("begeleiden", "bestuur"): "Inductieprogramma voor starters",
    ("professionaliseren", "brede-regio"): "Masterclasses met de universiteit",
}


def sample_grid_meeting(db: Database, catalog: CardCatalog, partnership_name: str) -> Meeting:
    """A session on the strategy-session card with part of its grid filled in."""
    from grow_app.card.models import grid_key
    from grow_app.services.meeting import Meeting
    from grow_app.services.partnerships import find_partnership
    from grow_app.services.sessions import start_session

    partnership = find_partnership(db, partnership_name)
    session = start_session(
        db, catalog, partnership, GRID_CARD, date="2026-04-02", facilitator="Anna de Vries"
    )
    meeting = Meeting(db, catalog.get(GRID_CARD), session)
    for (row, column), text in GRID_ANSWERS.items():
        meeting.save_answer("activiteiten-schaalniveau", grid_key(row, column), text)
    meeting.set_key_message("Werven en matchen horen op het niveau van de Onderwijsregio.")
    return meeting
