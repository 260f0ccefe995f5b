"""What this plugin adds to Saleor's product listing and Product.otop."""
import django_filters
import graphene

from .dataloaders import ProducerByProductLoader
from .types import ProducerShop


class ProductFields:
    """Fields of Product.otop; the root is Saleor's Product."""

    producer = graphene.Field(ProducerShop, description="The producer whose shop sells the product.")

    def resolve_producer(root, info):
        return ProducerByProductLoader(info.context).load(root.pk)


def filter_producer_slug(queryset, _name, value):
    if not value:
        return queryset
    return queryset.filter(otop_producer__producer__slug=value)


class ProductFilter(django_filters.FilterSet):
    producer_slug = django_filters.CharFilter(method=filter_producer_slug, help_text="Slug of the producer's shop.")


PRODUCT_SORT_FIELDS = {}
