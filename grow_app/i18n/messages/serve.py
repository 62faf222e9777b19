"""Texts for ``grow serve``: the app in a browser."""

NL: dict[str, str] = {
    "serve.running": "grow staat klaar op {url}",
    "serve.open_in_browser": "Open dit adres in een browser; elk tabblad krijgt zijn eigen venster op dezelfde database ({db}).",
    "serve.open_session": "Elk tabblad opent direct sessie {session}.",
    "serve.others_use": "Anderen gebruiken het adres van deze computer, bijvoorbeeld {url}",
    "serve.stop_hint": "Stoppen: Ctrl+C.",
    "serve.warning_public": (
        "Let op: grow luistert op {host}, dus iedereen die deze computer op poort {port} kan "
        "bereiken, kan alle gegevens in {db} lezen en wijzigen. De browserversie heeft geen "
        "inlog. Gebruik dit alleen op een vertrouwd netwerk en stop de server na het overleg."
    ),
    "serve.port_in_use": "Poort {port} is al in gebruik; kies een andere poort met --port.",
    "serve.port_denied": "Geen toestemming om poort {port} te gebruiken; kies een poort boven 1024 met --port.",
    "serve.cannot_listen": "grow kan niet luisteren op {host}:{port}: {reason}.",
    "serve.forbidden": "Geweigerd: deze pagina hoort niet bij deze grow-server.",
    "serve.page_starting": "Bezig met starten…",
    "serve.page_start": "Starten",
    "serve.page_ended": "De verbinding met grow is verbroken.",
    "serve.page_restart": "Opnieuw openen",
}

EN: dict[str, str] = {
    "serve.running": "grow is ready at {url}",
    "serve.open_in_browser": "Open this address in a browser; every tab gets its own window on the same database ({db}).",
    "serve.open_session": "Every tab opens session {session} straight away.",
    "serve.others_use": "Others use this computer's address, for example {url}",
    "serve.stop_hint": "To stop: Ctrl+C.",
    "serve.warning_public": (
        "Warning: grow listens on {host}, so anyone who can reach this computer on port {port} "
        "can read and change all data in {db}. The browser version has no login. Only use this "
        "on a trusted network and stop the server after the meeting."
    ),
    "serve.port_in_use": "Port {port} is already in use; choose another port with --port.",
    "serve.port_denied": "No permission to use port {port}; choose a port above 1024 with --port.",
    "serve.cannot_listen": "grow cannot listen on {host}:{port}: {reason}.",
    "serve.forbidden": "Refused: this page does not belong to this grow server.",
    "serve.page_starting": "Starting…",
    "serve.page_start": "Start",
    "serve.page_ended": "The connection to grow has closed.",
    "serve.page_restart": "Open again",
}
