from django.db import migrations


def load_gazetteer(apps, schema_editor):
    from plugins.provenance.services import gazetteer_load

    gazetteer_load(app_registry=apps)


class Migration(migrations.Migration):
    dependencies = [("otop_provenance", "0001_initial")]

    operations = [migrations.RunPython(load_gazetteer, migrations.RunPython.noop, elidable=False)]
