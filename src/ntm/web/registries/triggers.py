"""A data version of the registries (OCOP, models, villages), moved by database triggers.

Like the monitoring version: one row of ``readmodel_periodversion``, ``REGISTRIES_VERSION_ID``,
bumped by every write to a registry table (raw SQL and the admin too; see
``ntm.web.readmodel.table_versions``). The dashboard's registry block is cached under it, so a
rating added is counted by the next dashboard.
"""

from __future__ import annotations

from ntm.web.readmodel.table_versions import TableVersion

REGISTRIES_VERSION_ID = -4  # after units (-1), periods (-2) and monitoring (-3)
REGISTRIES = TableVersion(
    prefix="registries",
    version_id=REGISTRIES_VERSION_ID,
    tables={
        "registries_ocopproduct": "product",
        "registries_ocoprating": "rating",
        "registries_modelkind": "kind",
        "registries_initiative": "initiative",
        "registries_village": "village",
        "registries_villagestanding": "standing",
    },
)
TABLES = REGISTRIES.tables
create_triggers = REGISTRIES.create  # named by migration 0003
drop_triggers = REGISTRIES.drop
