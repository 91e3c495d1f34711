"""A data version of monitoring values and funds, moved by database triggers on every write.

One version for the whole of both tables: row ``MONITORING_VERSION_ID`` of
``readmodel_periodversion`` (``ntm.web.readmodel.table_versions``). A cached page that states a
monitoring roll-up or a fund total (plan targets on indicators or funds) keys its cache by it:
``monitoring_version()``.
"""

from __future__ import annotations

from ntm.web.readmodel.table_versions import TableVersion

MONITORING_VERSION_ID = -3  # after the read model's -1 (units) and -2 (periods)
MONITORING = TableVersion(
    prefix="monitoring",
    version_id=MONITORING_VERSION_ID,
    tables={"monitoring_monitoringvalue": "value", "monitoring_fundamount": "fund"},
)
TABLES = MONITORING.tables
create_triggers = MONITORING.create  # named by migration 0002
drop_triggers = MONITORING.drop
monitoring_version = MONITORING.version
