"""The only place with SQL: schema, migrations, reads and writes of the grow database.

The names below are loaded on first use, so that ``grow_app.store.peek`` (stdlib only, used to
draw the first question before anything heavy is imported) does not pull in sqlite-utils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grow_app.store.connection import open_database, write
    from grow_app.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "open_database", "write"]


def __getattr__(name: str) -> object:
    if name in ("open_database", "write"):
        from grow_app.store import connection

        return getattr(connection, name)
    if name == "SCHEMA_VERSION":
        from grow_app.store.schema import SCHEMA_VERSION

        return SCHEMA_VERSION
    raise AttributeError(f"module 'grow_app.store' has no attribute {name!r}")
