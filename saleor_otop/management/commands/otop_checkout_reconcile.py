import json

from django.core.management.base import BaseCommand

from saleor_otop.checkout_completion import checkout_charges_reconcile


class Command(BaseCommand):
    help = (
        "Complete or give back the checkout charges left open longer than OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS "
        "(what beat runs every minute); prints the outcomes counted by status."
    )

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(checkout_charges_reconcile(), sort_keys=True))
