"""Saleor's product mutations that publish, refusing products without provenance.

Saleor 2.10 has no product_updated hook, and publication happens in productCreate,
productUpdate and productBulkPublish; these subclasses run the one rule
(services.product_publication_check, configured in the plugin) before Saleor's own code
writes anything. The mixins compose with other plugins' subclasses of the same mutations.
"""
from django.core.exceptions import ValidationError
from saleor.core.permissions import ProductPermissions
from saleor.graphql.core.types.common import ProductError
from saleor.graphql.product.bulk_mutations.products import (
    ProductBulkPublish as SaleorProductBulkPublish,
)
from saleor.graphql.product.mutations.products import (
    ProductCreate as SaleorProductCreate,
)
from saleor.graphql.product.mutations.products import (
    ProductUpdate as SaleorProductUpdate,
)
from saleor.graphql.product.types import Product
from saleor.product import models as product_models
from saleor.product.error_codes import ProductErrorCode

from .. import selectors, services

PUBLICATION_RULE = (
    " In the OTOP market a product is published only once its provenance is set "
    "(plugin otop.provenance, require_provenance_to_publish)."
)


class ProductPublicationCheckMixin:
    """For subclasses of Saleor's ProductCreate/ProductUpdate."""

    @classmethod
    def clean_input(cls, info, instance, data):
        cleaned_input = super().clean_input(info, instance, data)
        if cleaned_input.get("is_published"):
            services.product_publication_check(
                product=instance,
                configuration=selectors.provenance_configuration(plugins=info.context.plugins),
                product_name=cleaned_input.get("name") or instance.name,
            )
        return cleaned_input


class ProductBulkPublicationCheckMixin:
    """For subclasses of Saleor's ProductBulkPublish: publishes the products that may be
    published and answers an error naming each one that may not."""

    @classmethod
    def perform_mutation(cls, _root, info, ids, **data):
        if not data.get("is_published") or not ids:
            return super().perform_mutation(_root, info, ids, **data)
        products = cls.get_nodes_or_error(ids, "id", Product)
        refusals = services.products_publication_refusals(
            products=products, configuration=selectors.provenance_configuration(plugins=info.context.plugins)
        )
        allowed_ids = [node_id for node_id, product in zip(ids, products, strict=True) if product.pk not in refusals]
        count, errors = super().perform_mutation(_root, info, allowed_ids, **data)
        refused = {
            node_id: ValidationError(refusals[product.pk], code=ProductErrorCode.INVALID.value)
            for node_id, product in zip(ids, products, strict=True)
            if product.pk in refusals
        }
        if refused:
            errors = ValidationError({**refused, **(errors.error_dict if errors else {})})
        return count, errors


class ProductCreate(ProductPublicationCheckMixin, SaleorProductCreate):
    class Meta:
        description = "Creates a new product." + PUBLICATION_RULE
        model = product_models.Product
        permissions = (ProductPermissions.MANAGE_PRODUCTS,)
        error_type_class = ProductError
        error_type_field = "product_errors"


class ProductUpdate(ProductPublicationCheckMixin, SaleorProductUpdate):
    class Meta:
        description = "Updates an existing product." + PUBLICATION_RULE
        model = product_models.Product
        permissions = (ProductPermissions.MANAGE_PRODUCTS,)
        error_type_class = ProductError
        error_type_field = "product_errors"


class ProductBulkPublish(ProductBulkPublicationCheckMixin, SaleorProductBulkPublish):
    class Meta:
        description = "Publish products." + PUBLICATION_RULE
        model = product_models.Product
        permissions = (ProductPermissions.MANAGE_PRODUCTS,)
        error_type_class = ProductError
        error_type_field = "product_errors"
