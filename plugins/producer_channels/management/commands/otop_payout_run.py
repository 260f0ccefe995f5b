from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plugins.producer_channels import services
from plugins.producer_channels.selectors import producer_channels_configuration


class Command(BaseCommand):
    help = (
        "Batch what is due to each producer into pending payouts and write the "
        "bank-transfer/PromptPay payout file (CSV) for finance staff."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            help="Batch ledger entries available by the end of this day (YYYY-MM-DD); default: now.",
        )

    def handle(self, *args, as_of=None, **options):
        moment = None
        if as_of:
            try:
                day = datetime.strptime(as_of, "%Y-%m-%d").date()
            except ValueError:
                raise CommandError(f"--as-of takes a date as YYYY-MM-DD, got {as_of!r}") from None
            moment = timezone.make_aware(datetime.combine(day, time.max))
        run = services.payout_run_create(configuration=producer_channels_configuration(), as_of=moment)
        payouts = list(run.payouts.order_by("pk"))
        total = sum((payout.transfer_amount for payout in payouts), 0)
        self.stdout.write(f"Payout run {run.pk}: {len(payouts)} payouts, {total:.2f} to transfer")
        if run.file_name:
            self.stdout.write(f"Payout file: {run.file_name} (private storage; staff download it from the API)")
        for note in filter(None, run.notes.splitlines()):
            self.stdout.write(f"Left out: {note}")
