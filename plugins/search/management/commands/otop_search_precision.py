"""`manage.py otop_search_precision`: the first result of each evaluation query (on the demo
catalogue) and the share of queries whose first result is an expected one."""
from django.core.management.base import BaseCommand

from plugins.search.evaluation import search_precision


class Command(BaseCommand):
    help = "Report search precision at the first result on the demo catalogue's evaluation queries."

    def handle(self, *args, **options):
        precision, results = search_precision()
        for result in results:
            mark = "ok  " if result.hit else "MISS"
            self.stdout.write(f"{mark} {result.query:<28} {result.why:<45} first: {result.first}")
        hits = sum(result.hit for result in results)
        self.stdout.write(f"precision at 1: {hits}/{len(results)} = {precision:.1%}")
