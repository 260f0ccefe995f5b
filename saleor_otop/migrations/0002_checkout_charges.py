import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("saleor_otop", "0001_task_outbox"),
        ("payment", "0016_auto_20200423_0314"),
        ("order", "0083_merge_20200421_0529"),
        ("account", "0045_auto_20200427_0425"),
        ("warehouse", "0009_remove_invalid_allocation"),
    ]

    operations = [
        migrations.CreateModel(
            name="CheckoutCharge",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("checkout_token", models.UUIDField(db_index=True, null=True)),
                ("status", models.CharField(choices=[
                    ("charging", "the gateway is being asked, or was asked, for the money"),
                    ("charged", "the gateway took the money; the order is not written yet"),
                    ("completed", "the order is written"),
                    ("given_back", "the money was refunded or the authorisation voided"),
                    ("declined", "the gateway refused; nothing was taken"),
                    ("confirmation_needed", "the shopper must confirm (3-D Secure); a new attempt follows"),
                ], default="charging", max_length=32)),
                ("amount", models.DecimalField(decimal_places=3, max_digits=12)),
                ("store_source", models.BooleanField(default=False)),
                ("redirect_url", models.TextField(blank=True)),
                ("tracking_code", models.CharField(blank=True, max_length=64)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("updated_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ("reconcile_runs", models.PositiveIntegerField(default=0)),
                ("last_error", models.TextField(blank=True)),
                ("order", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="order.order")),
                ("payment", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="otop_checkout_charges", to="payment.payment")),
                ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="account.user")),
            ],
            options={"ordering": ("pk",)},
        ),
        migrations.CreateModel(
            name="CheckoutStockReservation",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("quantity", models.PositiveIntegerField()),
                ("charge", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reservations", to="saleor_otop.checkoutcharge")),
                ("stock", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="warehouse.stock")),
            ],
            options={"ordering": ("pk",)},
        ),
        migrations.AddConstraint(
            model_name="checkoutcharge",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("charging", "charged"))),
                fields=("checkout_token",), name="otop_one_open_charge_per_checkout",
            ),
        ),
    ]
