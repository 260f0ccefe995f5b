"""What shoppers see of producers: the shop, and the part of their order one producer ships."""
import graphene
from saleor.graphql.core.fields import PrefetchingConnectionField
from saleor.graphql.order.types import OrderLine
from saleor.graphql.product.types import Collection, Product
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.product.models import Product as ProductModel

from ..dataloaders import CollectionsByProducerLoader, FulfillmentsBySubOrderLoader
from ..enums import ProducerKindEnum, SubOrderStatusEnum
from .common import global_id_field, money_field


class ProducerLocality(graphene.ObjectType):
    subdistrict_code = graphene.String(required=True, description="DOPA code of the home subdistrict (tambon).")
    subdistrict_name_th = graphene.String(required=True, description="Thai name of the subdistrict.")
    subdistrict_name_en = graphene.String(required=True, description="English name of the subdistrict.")
    district_name_th = graphene.String(required=True, description="Thai name of the district (amphoe).")
    district_name_en = graphene.String(required=True, description="English name of the district.")
    province_code = graphene.String(required=True, description="DOPA code of the province.")
    province_name_th = graphene.String(required=True, description="Thai name of the province.")
    province_name_en = graphene.String(required=True, description="English name of the province.")

    class Meta:
        description = "Where a producer is at home: its tambon, amphoe and province."

    @staticmethod
    def from_subdistrict(subdistrict) -> "ProducerLocality":
        district = subdistrict.district
        province = district.province
        return ProducerLocality(
            subdistrict_code=subdistrict.code,
            subdistrict_name_th=subdistrict.name_th,
            subdistrict_name_en=subdistrict.name_en,
            district_name_th=district.name_th,
            district_name_en=district.name_en,
            province_code=province.code,
            province_name_th=province.name_th,
            province_name_en=province.name_en,
        )


class ProfileFields:
    """Public profile fields (root: a Producer model instance)."""

    slug = graphene.String(required=True, description="The shop's address in the market.")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    kind = ProducerKindEnum(required=True, description="Community group, individual or small firm.")
    locality = graphene.Field(ProducerLocality, required=True, description="Home subdistrict, district and province.")
    story_th = graphene.String(required=True, description="The producer's story, in Thai.")
    story_en = graphene.String(required=True, description="The producer's story, in English.")
    logo_url = graphene.String(description="URL of the producer's logo.")

    @staticmethod
    def resolve_locality(root, _info):
        return ProducerLocality.from_subdistrict(root.home_subdistrict)

    @staticmethod
    def resolve_logo_url(root, info):
        return info.context.build_absolute_uri(root.logo.url) if root.logo else None


class ProducerShop(ProfileFields, graphene.ObjectType):
    id = global_id_field("ProducerShop", description="ID of the shop (its producer).")
    opened_at = graphene.DateTime(source="approved_at", description="When the programme approved the producer.")
    product_count = graphene.Int(required=True, description="Published products in the shop.")
    products = PrefetchingConnectionField(Product, description="The shop's published products.")
    collections = graphene.List(
        graphene.NonNull(Collection), required=True, description="Published collections holding the shop's products."
    )

    class Meta:
        description = "A producer's own shop inside the market, as shoppers see it."

    @staticmethod
    def resolve_product_count(root, _info):
        count = getattr(root, "published_product_count", None)
        if count is None:
            count = ProductModel.objects.filter(otop_producer__producer=root, is_published=True).count()
        return count

    @staticmethod
    def resolve_products(root, info, **_kwargs):
        user = get_user_or_app_from_context(info.context)
        return ProductModel.objects.visible_to_user(user).filter(otop_producer__producer=root)

    @staticmethod
    def resolve_collections(root, info):
        return CollectionsByProducerLoader(info.context).load(root.pk)


def sub_order_lines(root):
    return [sub_order_line.order_line for sub_order_line in root.lines.all()]


class SubOrder(graphene.ObjectType):
    id = global_id_field("SubOrder", description="ID of the sub-order.")
    producer = graphene.Field(ProducerShop, required=True, description="The producer shipping it.")
    status = SubOrderStatusEnum(required=True, description="Fulfilment state.")
    subtotal = money_field("subtotal_amount", description="Gross value of its lines.")
    lines = graphene.List(
        graphene.NonNull(OrderLine), required=True, description="Its lines of the order.", resolver=lambda root, _info: sub_order_lines(root)
    )
    tracking_numbers = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Tracking numbers of its parcels."
    )

    class Meta:
        description = "The part of an order one producer ships, as the shopper sees it."

    @staticmethod
    def resolve_tracking_numbers(root, info):
        return FulfillmentsBySubOrderLoader(info.context).load(root.pk).then(
            lambda pairs: [
                fulfillment.tracking_number
                for fulfillment, _ in pairs
                if fulfillment.tracking_number and fulfillment.status != "canceled"
            ]
        )
