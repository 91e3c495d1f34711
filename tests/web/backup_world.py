"""A database to back up: migrated, the demonstration loaded, then edited through the services.

Run as a script (``python tests/web/backup_world.py``) with DATABASE_URL naming an empty database:
the backup test builds its source database in a process of its own, apart from pytest's.
"""

from __future__ import annotations

import os


def build() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.web.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from ntm.web.accounts.scope import scope_for
    from ntm.web.assessments.models import Period
    from ntm.web.assessments.services import assessment_find, assessment_save, period_state_set
    from ntm.web.demo import demo_load
    from ntm.web.units.models import Unit

    call_command("migrate", interactive=False, verbosity=0)
    assert demo_load(say=lambda _line: None)
    office = User.objects.get(username="tinh")
    period = Period.objects.get(regime="new", province_code="08", year=2026)
    unit = Unit.objects.get(regime="new", code="00700")
    assessment = assessment_find(unit=unit, period=period)
    changes = assessment_save(
        user=office, scope=scope_for(office), assessment=assessment, version=assessment.version,
        values={"1.1": 77.5}, comments={"1.1": "Sửa theo biên bản — ghi chú có dấu"},
        channel="form",
    )  # fmt: skip
    assert changes
    period_state_set(scope=scope_for(User.objects.get(username="quantri")), period=period,
                     state="closed")  # fmt: skip


if __name__ == "__main__":
    build()
