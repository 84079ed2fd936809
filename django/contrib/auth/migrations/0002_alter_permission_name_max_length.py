from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("auth", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="permission", name="name", field=models.CharField(max_length=255, verbose_name="name")
        ),
    ]
