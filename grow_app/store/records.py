"""The domain records now live in :mod:`grow_app.records` (a base module every layer may use).

Kept so that older imports keep working while they move; new code imports ``grow_app.records``.
"""

from grow_app.records import (  # noqa: F401
    Action,
    Answer,
    ParkingItem,
    Participant,
    Partnership,
    Revision,
    Session,
)
