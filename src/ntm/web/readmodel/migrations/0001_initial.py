from __future__ import annotations

from typing import Any

from django.db import migrations, models


def _install(apps: Any, schema_editor: Any) -> None:
    from ntm.web.readmodel.triggers import install_triggers

    install_triggers(schema_editor.connection)


def _drop(apps: Any, schema_editor: Any) -> None:
    from ntm.web.readmodel.triggers import trigger_names

    on = trigger_names()
    with schema_editor.connection.cursor() as cursor:
        for name in sorted(on):
            if schema_editor.connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {on[name]}")


class Migration(migrations.Migration):
    initial = True
    dependencies = [("assessments", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="PeriodVersion",
            fields=[
                ("period_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "phiên bản dữ liệu của kỳ",
                "verbose_name_plural": "phiên bản dữ liệu của kỳ",
            },
        ),
        migrations.RunPython(_install, _drop),
    ]
