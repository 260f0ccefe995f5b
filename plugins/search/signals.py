"""Saleor's own writes of what a search document is made of (product, translation, variant
SKU) raise the product-facts notice; Saleor 2.10 has no plugin hook for them (no
`product_updated`, none for translations). The plugins' writes notify in their services."""
from django.db.models.signals import post_delete, post_save
from saleor.product.models import Product, ProductTranslation, ProductVariant

from otop_kernel.product_facts import product_facts_changed


def _product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        product_facts_changed(product_ids=[instance.pk])


def _part_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        product_facts_changed(product_ids=[instance.product_id])


def connect_catalogue_signals() -> None:
    post_save.connect(_product_saved, sender=Product, dispatch_uid="otop_search_product_saved")
    for model in (ProductTranslation, ProductVariant):
        post_save.connect(_part_saved, sender=model, dispatch_uid=f"otop_search_{model.__name__}_saved")
        post_delete.connect(_part_saved, sender=model, dispatch_uid=f"otop_search_{model.__name__}_deleted")
