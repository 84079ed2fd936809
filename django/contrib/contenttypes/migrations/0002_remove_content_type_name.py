from django.db import migrations, models


def fill_legacy_name(apps, schema_editor):
    """Going back to 0001 needs the old, required ``name`` column filled."""
    alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    for ct in ContentType.objects.using(alias).all():
        try:
            ct.name = apps.get_model(ct.app_label, ct.model)._meta.object_name
        except LookupError:
            ct.name = ct.model
        ct.save(using=alias, update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("contenttypes", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(
            name="contenttype",
            options={"verbose_name": "content type", "verbose_name_plural": "content types"},
        ),
        migrations.AlterField(
            model_name="contenttype", name="name", field=models.CharField(max_length=100, null=True)
        ),
        migrations.RunPython(migrations.RunPython.noop, fill_legacy_name),
        migrations.RemoveField(model_name="contenttype", name="name"),
    ]
