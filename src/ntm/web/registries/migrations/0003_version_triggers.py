"""Triggers moving the registries' data version (see ntm.web.registries.triggers)."""

from __future__ import annotations

from django.db import migrations

from ntm.web.registries.triggers import create_triggers, drop_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("registries", "0002_model_kinds"),
        ("readmodel", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
