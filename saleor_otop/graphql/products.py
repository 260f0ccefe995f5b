"""Saleor's Product, extended by the OTOP plugins.

Each plugin contributes, from its `graphql/listing.py`:
- `ProductFields`: fields of `Product.otop` (the root is Saleor's Product);
- `ProductFilter`: a FilterSet whose filters join Saleor's `products(filter:)`;
- `PRODUCT_SORT_FIELDS`: `{ENUM_NAME: SortField}` joining `products(sortBy:)`;
- optionally `restrict_products(queryset, info)`: narrows the listing before any filter
  (e.g. the star rule keeps lapsed products out of the shopper listing).
This module composes them; it holds no rule of its own.
"""
import graphene
from saleor.graphql.core.types import FilterInputObjectType, SortInputObjectType
from saleor.graphql.product.enums import StockAvailability
from saleor.graphql.product.filters import ProductFilter as SaleorProductFilter
from saleor.graphql.product.resolvers import resolve_products
from saleor.graphql.product.sorters import ProductOrderField
from saleor.graphql.product.types import Product

from plugins.curation.graphql import listing as curation
from plugins.export_markets.graphql import listing as export_markets
from plugins.otop_stars.graphql import listing as otop_stars
from plugins.producer_channels.graphql import listing as producer_channels
from plugins.provenance.graphql import listing as provenance
from plugins.search.graphql import listing as search

PLUGIN_LISTINGS = [provenance, otop_stars, producer_channels, export_markets, curation, search]


class ProductOtop(*[listing.ProductFields for listing in PLUGIN_LISTINGS], graphene.ObjectType):
    class Meta:
        description = (
            "What the OTOP market knows of a product: provenance, official stars, "
            "reviews, producer and export markets."
        )


def resolve_product_otop(root, _info):
    return root


def install_product_otop_field() -> None:
    """Add `otop` to Saleor's Product type; must run before the schema is built."""
    Product._meta.fields["otop"] = graphene.Field(
        ProductOtop,
        description="OTOP programme data of the product.",
        resolver=resolve_product_otop,
    )


class OtopProductFilter(*[listing.ProductFilter for listing in PLUGIN_LISTINGS], SaleorProductFilter):
    class Meta(SaleorProductFilter.Meta):
        pass


class OtopProductFilterInput(FilterInputObjectType):
    """Saleor's ProductFilterInput with the plugins' filters added (Saleor's name kept, so
    clients that declare `$filter: ProductFilterInput` keep working)."""

    class Meta:
        name = "ProductFilterInput"
        filterset_class = OtopProductFilter


def _build_sort_enum() -> type:
    members = {member.name: member.value for member in ProductOrderField._meta.enum}
    descriptions = {member.name: member.description for member in ProductOrderField._meta.enum}
    attrs = {}
    for listing in PLUGIN_LISTINGS:
        for name, sort_field in listing.PRODUCT_SORT_FIELDS.items():
            members[name] = sort_field.fields
            descriptions[name] = sort_field.description
            if sort_field.annotate:
                # Saleor's sort_queryset calls `qs_with_<name>` before ordering.
                attrs[f"qs_with_{name.lower()}"] = staticmethod(sort_field.annotate)

    def description(self):
        return descriptions[self.name]

    meta = type("Meta", (), {"name": "ProductOrderField"})  # Saleor's name, our fields added
    return type(
        "OtopProductOrderField",
        (graphene.Enum,),
        {**members, **attrs, "description": property(description), "Meta": meta},
    )


OtopProductOrderField = _build_sort_enum()


class OtopProductOrder(SortInputObjectType):
    attribute_id = graphene.Argument(
        graphene.ID, description="Sort product by the selected attribute's values."
    )
    field = graphene.Argument(OtopProductOrderField, description="Sort products by the selected field.")

    class Meta:
        name = "ProductOrder"  # Saleor's name: `$sortBy: ProductOrder` keeps working
        sort_enum = OtopProductOrderField


def distinct_only_when_rows_repeat(queryset):
    """Saleor's listing asks DISTINCT, which makes PostgreSQL sort and compare whole product
    rows (descriptions, metadata: 40 MB spilled to disk at 100,000 products). A product repeats
    only through a join to many rows (collections, stocks, ...); through forward keys and the
    plugins' one-to-one rows (stars, provenance, producer) it cannot, so DISTINCT goes."""
    query = getattr(queryset, "query", None)
    if query is None or not query.distinct or query.distinct_fields:
        return queryset
    for join in query.alias_map.values():
        field = getattr(join, "join_field", None)
        if field is not None and (field.one_to_many or field.many_to_many):
            return queryset
    queryset = queryset.all()
    queryset.query.distinct = False
    return queryset


class OtopProductsConnectionField(search.RankedProductsConnectionField):
    @classmethod
    def resolve_connection(cls, connection, args, iterable):
        return super().resolve_connection(connection, args, distinct_only_when_rows_repeat(iterable))


class OtopProductQueries(graphene.ObjectType):
    products = OtopProductsConnectionField(
        Product,
        filter=OtopProductFilterInput(description="Filtering options for products."),
        sort_by=OtopProductOrder(description="Sort products."),
        stock_availability=graphene.Argument(
            StockAvailability, description="[Deprecated] Use the `filter` field instead."
        ),
        description=(
            "List of the shop's products, with the OTOP filters and sort orders; with "
            "`filter.search` and no `sortBy`, in order of relevance."
        ),
    )

    def resolve_products(self, info, **kwargs):
        queryset = resolve_products(info, **kwargs)
        for listing in PLUGIN_LISTINGS:
            # Optional: a plugin may keep products out of the shopper listing.
            restrict_products = getattr(listing, "restrict_products", None)
            if restrict_products is not None:
                queryset = restrict_products(queryset, info)
        return queryset
