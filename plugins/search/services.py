"""Writes of the search index: documents rebuilt from their sources."""
from typing import Callable, Iterable, Optional

from django.db import transaction
from saleor.product.models import Product

from .documents import document_sources
from .engine import search_engine
from .models import SearchDocument, SearchSuggestion, SearchTerm

BATCH_SIZE = 500


def search_documents_rebuild(*, product_ids: Iterable[int]) -> int:
    """Rebuild the documents of these products; those of deleted products go. Returns how
    many were written."""
    product_ids = sorted({int(product_id) for product_id in product_ids})
    if not product_ids:
        return 0
    sources = document_sources(product_ids=product_ids)
    engine = search_engine()
    with transaction.atomic():
        engine.documents_write(sources=sources)
        gone = set(product_ids) - {source.product_id for source in sources}
        if gone:
            engine.documents_delete(product_ids=gone)
    return len(sources)


def search_index_rebuild_all(
    *, batch_size: int = BATCH_SIZE, progress: Optional[Callable[[int], None]] = None
) -> int:
    """Rebuild every product's document, batch by batch (each batch its own transaction),
    then drop the suggestions and words no document has any more. `progress(n)` is called
    after each batch with the number of products done in it."""
    product_ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    SearchDocument.objects.exclude(product_id__in=Product.objects.values("pk")).delete()
    SearchTerm.objects.all().delete()
    SearchSuggestion.objects.exclude(product=None).exclude(product_id__in=Product.objects.values("pk")).delete()
    written = 0
    for start in range(0, len(product_ids), batch_size):
        batch = product_ids[start:start + batch_size]
        written += search_documents_rebuild(product_ids=batch)
        if progress is not None:
            progress(len(batch))
    return written
