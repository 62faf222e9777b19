"""Interface texts, one module per area (core, ui, export, ...), each with ``NL`` and ``EN``.

Every module in this package is merged into the catalog; a test checks that each area has the
same keys and the same placeholders in both languages. Keys are prefixed by area to avoid clashes.
"""
