from django.core.management.base import BaseCommand

from plugins.provenance import gazetteer
from plugins.provenance.services import gazetteer_load


class Command(BaseCommand):
    help = (
        "Load Thailand's regions, provinces, districts and subdistricts (with abolished units and "
        "their successors) from the geothai package. Safe to run again: only changes are written."
    )

    def handle(self, *args, **options):
        result = gazetteer_load()
        for level, created in result.created.items():
            self.stdout.write(f"{level}: {created} created, {result.updated[level]} updated")
        self.stdout.write(f"successor links changed: {result.updated['successor_links']}")
        self.stdout.write(
            self.style.SUCCESS(
                f"gazetteer is up to date with geothai data {gazetteer.DATA_VERSION}"
                + ("" if result.changed else " (nothing to change)")
            )
        )
