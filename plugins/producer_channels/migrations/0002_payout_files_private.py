"""Payout files move out of MEDIA_ROOT into the private storage, under unguessable names."""
import os

from django.core.files.base import ContentFile
from django.db import migrations

from otop_kernel.private_files import private_file_name, private_storage


def payout_files_to_private_storage(apps, schema_editor):
    PayoutRun = apps.get_model("otop_producers", "PayoutRun")
    storage = private_storage()
    for run in PayoutRun.objects.exclude(file_name=""):
        old_path = run.file_name
        # The file is the run's stored content, byte for byte (utf-8-sig).
        run.file_name = storage.save(
            private_file_name(folder="otop-payouts", suffix=f"otop-payouts-{run.as_of:%Y%m%d}-run{run.pk}.csv"),
            ContentFile(run.file_content.encode("utf-8-sig")),
        )
        run.save(update_fields=["file_name"])
        if os.path.isabs(old_path) and os.path.isfile(old_path):
            os.remove(old_path)


class Migration(migrations.Migration):
    dependencies = [("otop_producers", "0001_initial")]

    operations = [
        migrations.RenameField("payoutrun", "file_path", "file_name"),
        migrations.RunPython(payout_files_to_private_storage, migrations.RunPython.noop),
    ]
