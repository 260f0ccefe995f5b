"""Demo data of search: the Japanese and Chinese names of the demo products the search
tests look for (otop_kernel/demo_catalogue.py, SEARCH_EXAMPLE_TRANSLATIONS; a translation
already there is kept), then every product's search document."""
from collections.abc import Callable

from saleor.product.models import ProductTranslation

from otop_kernel.demo_catalogue import SEARCH_EXAMPLE_TRANSLATIONS

from ..services import search_index_rebuild_all


def demo_load(*, catalogue, log: Callable[[str], None] = print) -> None:
    for item, product in catalogue.items:
        for language, name in SEARCH_EXAMPLE_TRANSLATIONS.get(item.key, {}).items():
            ProductTranslation.objects.get_or_create(
                product=product, language_code=language, defaults={"name": name}
            )
    written = search_index_rebuild_all()
    log(f"Search: {written} product documents indexed")
