"""`manage.py otop_search_rebuild`: rebuild every product's search document, with a progress bar."""
import time

from django.core.management.base import BaseCommand
from saleor.product.models import Product
from tqdm import tqdm

from plugins.search.services import BATCH_SIZE, search_index_rebuild_all


class Command(BaseCommand):
    help = "Rebuild the search documents, suggestions and words of every product."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="products per transaction")

    def handle(self, *args, batch_size, **options):
        started = time.monotonic()
        with tqdm(total=Product.objects.count(), unit="product", file=self.stderr) as bar:
            written = search_index_rebuild_all(batch_size=batch_size, progress=bar.update)
        self.stdout.write(f"{written:,} search documents rebuilt in {time.monotonic() - started:.1f} s")
