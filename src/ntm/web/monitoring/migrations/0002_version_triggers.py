"""Triggers moving the monitoring data version (see ntm.web.monitoring.triggers)."""

from __future__ import annotations

from django.db import migrations

from ntm.web.monitoring.triggers import create_triggers, drop_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("readmodel", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
