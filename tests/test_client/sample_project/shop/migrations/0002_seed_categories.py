from django.db import migrations


def seed(apps, schema_editor):
    Category = apps.get_model("shop", "Category")
    for name in ("general", "lighting"):
        Category.objects.using(schema_editor.connection.alias).create(name=name)


def unseed(apps, schema_editor):
    apps.get_model("shop", "Category").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
