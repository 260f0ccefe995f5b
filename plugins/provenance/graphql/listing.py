"""What this plugin adds to Saleor's product listing and Product.otop."""
import django_filters
import graphene


class ProductFields:
    """Fields of Product.otop; the root is Saleor's Product."""

    product_slug = graphene.String(description="Slug of the product.")

    def resolve_product_slug(root, _info):
        return root.slug


class ProductFilter(django_filters.FilterSet):
    pass


PRODUCT_SORT_FIELDS = {}
