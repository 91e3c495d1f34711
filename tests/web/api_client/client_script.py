"""Run inside the generated client's venv (not by pytest): a read, a save, a conflict and a
report download through the client generated from /api/openapi.json. Prints one JSON line."""

from __future__ import annotations

import json
import sys

from ntm_api_client import AuthenticatedClient
from ntm_api_client.api.reports import period_report
from ntm_api_client.api.values import commune_values, commune_values_save
from ntm_api_client.models import ConflictOut, SavedOut, ValuesIn, ValuesOut


def main(base_url: str, token: str, period_id: int, unit_id: int) -> dict[str, object]:
    client = AuthenticatedClient(base_url=base_url, token=token, timeout=60.0)
    read = commune_values.sync(period_id=period_id, unit_id=unit_id, client=client)
    assert isinstance(read, ValuesOut), read
    body = ValuesIn.from_dict({"version": read.version, "values": {"2.1": 72.5}})
    saved = commune_values_save.sync(period_id=period_id, unit_id=unit_id, client=client,
                                     body=body)  # fmt: skip
    assert isinstance(saved, SavedOut), saved
    stale = commune_values_save.sync_detailed(period_id=period_id, unit_id=unit_id,
                                              client=client, body=body)  # fmt: skip
    assert isinstance(stale.parsed, ConflictOut), stale
    report = period_report.sync_detailed(period_id=period_id, client=client)
    content = report.parsed.payload.read()  # type: ignore[union-attr]
    return {
        "read_version": read.version,
        "saved_version": saved.version,
        "saved_targets": [c.target for c in saved.changes],
        "conflict_status": int(stale.status_code),
        "conflict_detail": stale.parsed.detail,
        "conflict_version": stale.parsed.current_version,
        "report_status": int(report.status_code),
        "report_zip": content[:2].decode(),
    }


if __name__ == "__main__":
    url, token, period, unit = sys.argv[1:5]
    print(json.dumps(main(url, token, int(period), int(unit)), ensure_ascii=False))
