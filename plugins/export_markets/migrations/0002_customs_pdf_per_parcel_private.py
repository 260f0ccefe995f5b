"""CN23 PDFs: one per producer's parcel (or the whole order), kept in the private storage."""
import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models

import plugins.export_markets.models
import otop_kernel.private_files
from otop_kernel.private_files import private_file_name, private_storage


def customs_pdfs_to_private_storage(apps, schema_editor):
    CustomsDeclarationPdf = apps.get_model("otop_export", "CustomsDeclarationPdf")
    storage = private_storage()
    for document in CustomsDeclarationPdf.objects.exclude(pdf=""):
        old_name = document.pdf.name
        new_name = ""
        if default_storage.exists(old_name):
            with default_storage.open(old_name, "rb") as old_file:
                new_name = storage.save(
                    private_file_name(folder="otop-customs", suffix=f"cn23-order-{document.order_id}.pdf"), old_file
                )
            default_storage.delete(old_name)
        # A file already gone is rendered again on the next request.
        CustomsDeclarationPdf.objects.filter(pk=document.pk).update(
            pdf=new_name, rendered_at=document.rendered_at if new_name else None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("otop_producers", "0002_payout_files_private"),
        ("otop_export", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="customsdeclarationpdf",
            name="producer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="otop_producers.producer",
            ),
        ),
        migrations.AlterField(
            model_name="customsdeclarationpdf",
            name="order",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="otop_customs_pdfs", to="order.order"
            ),
        ),
        migrations.AlterField(
            model_name="customsdeclarationpdf",
            name="pdf",
            field=models.FileField(
                blank=True,
                max_length=255,
                storage=otop_kernel.private_files.private_storage,
                upload_to=plugins.export_markets.models.customs_pdf_file_name,
            ),
        ),
        migrations.AddConstraint(
            model_name="customsdeclarationpdf",
            constraint=models.UniqueConstraint(
                condition=models.Q(producer__isnull=False), fields=("order", "producer"), name="otop_customs_pdf_parcel"
            ),
        ),
        migrations.AddConstraint(
            model_name="customsdeclarationpdf",
            constraint=models.UniqueConstraint(
                condition=models.Q(producer__isnull=True), fields=("order",), name="otop_customs_pdf_whole_order"
            ),
        ),
        migrations.RunPython(customs_pdfs_to_private_storage, migrations.RunPython.noop),
    ]
