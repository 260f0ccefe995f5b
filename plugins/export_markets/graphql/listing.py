"""What this plugin adds to Saleor's product listing and Product.otop."""
import django_filters


class ProductFields:
    """Fields of Product.otop; the root is Saleor's Product."""


class ProductFilter(django_filters.FilterSet):
    pass


PRODUCT_SORT_FIELDS = {}
