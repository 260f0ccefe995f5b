"""One notice for "what the market knows of these products changed".

Stars, provenance, export profiles and producer links are facts that export
eligibility and rule-based collections are computed from. The plugins that
change a fact call `product_facts_changed`; after commit one task recomputes,
in order, eligibility (it reads stars and provenance) and then the rule-based
collections (they read eligibility too), and rebuilds the products' search documents
(names, translations, places, producer, stars). Lower plugins so never import the higher
ones that read them. Saleor's own product, translation and variant writes notify too
(plugins/search/signals.py).
"""
from typing import Iterable

from django.db import transaction


def product_facts_changed(*, product_ids: Iterable[int], eligibility_recomputed: bool = False) -> None:
    from saleor_otop.tasks import product_facts_changed_task

    ids = sorted({int(product_id) for product_id in product_ids})
    if ids:
        transaction.on_commit(lambda: product_facts_changed_task.delay(ids, eligibility_recomputed))


def product_facts_recompute(*, product_ids: list[int], eligibility_recomputed: bool = False) -> None:
    from plugins.curation.services import rule_collections_apply_for_products
    from plugins.export_markets.services import product_eligibility_recompute
    from plugins.search.services import search_documents_rebuild

    if not eligibility_recomputed:
        product_eligibility_recompute(product_ids=product_ids)
    rule_collections_apply_for_products(product_ids=product_ids)
    search_documents_rebuild(product_ids=product_ids)
