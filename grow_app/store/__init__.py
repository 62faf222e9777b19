"""The only place with SQL: schema, migrations, reads and writes of the grow database."""

from grow_app.store.connection import open_database, write
from grow_app.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "open_database", "write"]
