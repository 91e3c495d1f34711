"""Writes: loading a plan's targets from its file (targets.csv or the same sheet in Excel)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from ntm.io.targets import read_targets
from ntm.web.public.models import PlanTarget


def plan_targets_load(*, path: str | Path, regime: str, baseline_year: int) -> int:
    """Replace the targets of each (province, plan) the file names; returns how many were read.

    Called by the demo loader and operators, not from a page: it trusts its caller. A bad file
    raises ImportFailed with every problem, and nothing is written.
    """
    targets = read_targets(path)
    with transaction.atomic():
        for scope_code, plan in {(t.scope_code, t.plan) for t in targets}:
            PlanTarget.objects.filter(regime=regime, province_code=scope_code, plan=plan).delete()
        PlanTarget.objects.bulk_create(
            PlanTarget(
                regime=regime, province_code=t.scope_code, plan=t.plan, year=t.year,
                measure=t.measure, criterion=t.criterion, value=t.value,
                baseline_year=baseline_year,
            )
            for t in targets
        )  # fmt: skip
    return len(targets)
