"""The kinds of model every province starts with (seeds 000, 001): a province adds its own."""

from django.db import migrations

KINDS = [
    ("kinh-te", "Mô hình kinh tế"),
    ("dan-van-kheo", "Mô hình “Dân vận khéo”"),
    ("to-an-ninh", "Mô hình tổ an ninh nhân dân"),
]


def add(apps, schema_editor):
    kind = apps.get_model("registries", "ModelKind")
    for code, name in KINDS:
        kind.objects.get_or_create(code=code, defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("registries", "ModelKind").objects.filter(
        code__in=[c for c, _ in KINDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registries", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
