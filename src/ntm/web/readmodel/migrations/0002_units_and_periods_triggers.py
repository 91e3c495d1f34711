from __future__ import annotations

from typing import Any

from django.db import migrations


def _install(apps: Any, schema_editor: Any) -> None:
    from ntm.web.readmodel.triggers import install_triggers

    install_triggers(schema_editor.connection)  # idempotent: adds the units' and periods' triggers


class Migration(migrations.Migration):
    dependencies = [("readmodel", "0001_initial"), ("units", "0001_initial")]
    operations = [migrations.RunPython(_install, migrations.RunPython.noop)]
