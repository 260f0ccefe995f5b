import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from plugins.otop_stars.imports import (
    MATCHED,
    REJECTED,
    UNMATCHED,
    ImportFileError,
    certification_import,
    decode_csv_bytes,
)


class Command(BaseCommand):
    help = (
        "Import an official OTOP Product Champion result file (CSV as published on data.go.th: "
        "product, producer, province, category, stars, round year; Thai or English headers). "
        "Running it again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", help="Path of the CSV file (UTF-8 or TIS-620).")
        parser.add_argument(
            "--recorded-by",
            metavar="EMAIL",
            help="Staff account the new certifications are recorded by (default: none).",
        )
        parser.add_argument(
            "--show",
            choices=["all", "problems", "none"],
            default="problems",
            help="Which rows to list after the summary (default: unmatched and rejected rows).",
        )

    def handle(self, *args, csv_path, recorded_by=None, show="problems", **options):
        path = Path(csv_path)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        actor = None
        if recorded_by:
            actor = get_user_model().objects.filter(email__iexact=recorded_by, is_staff=True).first()
            if actor is None:
                raise CommandError(f"No staff account {recorded_by}.")
        progress = None

        def on_start(total):
            nonlocal progress
            # tqdm draws on the terminal only; in logs and pipes it stays silent.
            progress = tqdm(total=total, unit="row", desc=path.name, file=sys.stderr, disable=None)

        try:
            report = certification_import(
                text=decode_csv_bytes(path.read_bytes()),
                actor=actor,
                source=path.name,
                on_start=on_start,
                on_row=lambda _outcome: progress.update(1),
            )
        except ImportFileError as error:
            raise CommandError(error.message)
        finally:
            if progress is not None:
                progress.close()

        self.stdout.write(
            f"{len(report.rows)} rows: {report.count(MATCHED)} matched "
            f"({report.created_count} newly recorded), {report.count(UNMATCHED)} unmatched, "
            f"{report.count(REJECTED)} rejected."
        )
        for row in report.rows:
            if show == "all" or (show == "problems" and row.outcome != MATCHED):
                product = f" -> product {row.product_id}" if row.product_id else ""
                self.stdout.write(f"  line {row.line} {row.outcome}: {row.product}{product}: {row.reason}")
