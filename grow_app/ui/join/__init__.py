"""Joining by code, in the interface layer: the participant page (aiohttp, on ``grow serve``'s
server) and its limits. The rules live in ``grow_app.services.joining`` and friends."""
