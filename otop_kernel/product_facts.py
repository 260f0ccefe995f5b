"""One notice for "what the market knows of these products changed", and who listens to it.

Stars, provenance, export profiles and producer links are facts that other plugins compute
from: export eligibility (it reads stars and provenance), the rule-based collections (they
read eligibility too) and the products' search documents (names, translations, places,
producer, stars). The plugin that changes a fact calls `product_facts_changed`; after commit
one task runs every subscriber for those products.

A plugin that computes from the facts subscribes in its AppConfig.ready. Subscribers run in
the order they subscribed, and apps are ready in INSTALLED_APPS order, which is the layer
order (README, "How the pieces meet"): a higher plugin's recompute runs after the lower ones'
it reads. So a lower plugin never names a higher one.
"""
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.db import transaction

Recompute = Callable[[list[int]], None]


@dataclass(frozen=True)
class ProductFactsSubscriber:
    # Names the subscriber to callers that already did its work (see product_facts_changed).
    name: str
    recompute: Recompute


_subscribers: list[ProductFactsSubscriber] = []


def product_facts_subscribe(*, name: str, recompute: Recompute) -> None:
    """Run `recompute(product_ids)` whenever facts of products change. A name listens once:
    subscribing it again (apps made ready again) replaces it in its place."""
    subscriber = ProductFactsSubscriber(name=name, recompute=recompute)
    for index, existing in enumerate(_subscribers):
        if existing.name == name:
            _subscribers[index] = subscriber
            return
    _subscribers.append(subscriber)


def product_facts_subscribers() -> list[ProductFactsSubscriber]:
    return list(_subscribers)


def product_facts_changed(*, product_ids: Iterable[int], already_recomputed: Collection[str] = ()) -> None:
    """After commit, queue one task running every subscriber but those in `already_recomputed`
    (a subscriber that changed facts itself, having recomputed them in the same transaction)."""
    from otop_kernel.tasks import product_facts_changed_task

    ids = sorted({int(product_id) for product_id in product_ids})
    skipped = sorted(already_recomputed)
    if ids:
        transaction.on_commit(lambda: product_facts_changed_task.delay(ids, skipped))


def product_facts_recompute(*, product_ids: list[int], already_recomputed: Collection[str] = ()) -> None:
    for subscriber in _subscribers:
        if subscriber.name not in already_recomputed:
            subscriber.recompute(product_ids)
