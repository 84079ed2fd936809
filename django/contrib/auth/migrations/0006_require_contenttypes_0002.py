from django.db import migrations


class Migration(migrations.Migration):
    # Later auth code needs ContentType without its old "name" column.
    dependencies = [
        ("auth", "0005_alter_user_last_login_null"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations: list = []
