from django.db import IntegrityError, migrations, transaction
from django.db.models import Q


def _move_proxy_permissions(apps, schema_editor, reverse=False):
    """Point the default permissions of proxy models at the proxy's own content type (or back)."""
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    alias = schema_editor.connection.alias
    for model in apps.get_models():
        opts = model._meta
        if not opts.proxy:
            continue
        codenames = [f"{action}_{opts.model_name}" for action in opts.default_permissions]
        codenames += [codename for codename, _ in opts.permissions]
        concrete_ct = ContentType.objects.db_manager(alias).get_for_model(model, for_concrete_model=True)
        proxy_ct = ContentType.objects.db_manager(alias).get_for_model(model, for_concrete_model=False)
        old_ct, new_ct = (proxy_ct, concrete_ct) if reverse else (concrete_ct, proxy_ct)
        try:
            with transaction.atomic(using=alias):
                Permission.objects.using(alias).filter(Q(codename__in=codenames), content_type=old_ct).update(
                    content_type=new_ct
                )
        except IntegrityError:
            pass  # the permission already exists on the target content type


def revert(apps, schema_editor):
    _move_proxy_permissions(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0010_alter_group_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(_move_proxy_permissions, revert)]
