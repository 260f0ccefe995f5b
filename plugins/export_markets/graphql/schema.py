import graphene
from graphql_jwt.exceptions import PermissionDenied
from saleor.graphql.core.types.common import CountryDisplay  # noqa: F401 - type used by ExportMarket
from saleor.order.models import Order

from ..configuration import export_configuration
from ..customs import customs_declaration
from ..models import ExchangeRate as ExchangeRateModel
from ..models import Market, ProducerRegistration
from ..permissions import ExportMarketsPermissions
from ..validation import clean_country
from .checkout import install_checkout_error_fields, resolve_checkout_export_check
from .mutations import (
    ExchangeRateSet,
    ExportMarketCreate,
    ExportMarketUpdate,
    ExportShippingMethodServiceSet,
    OrderCustomsDeclarationRender,
    ProducerExportRegistrationAdd,
    ProducerExportRegistrationDelete,
    ProductCertificateAdd,
    ProductCertificateDelete,
    ProductExportProfileUpdate,
    customs_parcel_for_request,
)
from .types import (
    CheckoutExportCheck,
    CustomsDeclaration,
    ExchangeRate,
    ExportMarket,
    ProducerExportRegistration,
)

install_checkout_error_fields()


class ExportMarketsQueries(graphene.ObjectType):
    export_markets = graphene.List(
        graphene.NonNull(ExportMarket),
        required=True,
        enabled_only=graphene.Boolean(default_value=True, description="Only markets shoppers may order to."),
        description="Export markets: where OTOP goods may be sent, with their rules and estimates.",
    )
    export_market = graphene.Field(
        ExportMarket,
        country=graphene.String(required=True, description="Country code (ISO 3166-1 alpha-2)."),
        description="The market of one country.",
    )
    exchange_rates = graphene.List(
        graphene.NonNull(ExchangeRate), required=True, description="Stored exchange rates (units per Thai baht)."
    )
    checkout_export_check = graphene.Field(
        CheckoutExportCheck,
        token=graphene.Argument(graphene.UUID, required=True, description="The checkout's token."),
        description=(
            "What a checkout abroad must change before payment (a verdict per line, parcel limits), its duty "
            "and tax estimate, and its total in the market's currency."
        ),
    )
    order_customs_declaration = graphene.Field(
        CustomsDeclaration,
        order_id=graphene.ID(required=True, description="ID of the order."),
        producer_id=graphene.ID(
            description=(
                "ID of the producer whose parcel to declare. Programme staff without it get every line of "
                "the order; a producer's people get their own parcel (they need it only when they act for "
                "several producers of the order)."
            )
        ),
        description=(
            "CN23 customs declaration data of an order abroad (of one producer's parcel); null for an order in "
            "Thailand. Requires MANAGE_OTOP_EXPORT or MANAGE_ORDERS, or being a member of a producer of the order, "
            "who sees only its own lines."
        ),
    )
    producer_export_registrations = graphene.List(
        graphene.NonNull(ProducerExportRegistration),
        required=True,
        producer_slug=graphene.String(required=True, description="Slug of the producer."),
        description="A producer's facility registrations. Requires MANAGE_OTOP_EXPORT or being a member of it.",
    )

    @staticmethod
    def resolve_export_markets(_root, info, enabled_only=True):
        markets = Market.objects.prefetch_related("requirements", "duty_rates", "shipping_services")
        if enabled_only or not info.context.user.has_perm(ExportMarketsPermissions.MANAGE_OTOP_EXPORT):
            markets = markets.filter(enabled=True)
        return markets

    @staticmethod
    def resolve_export_market(_root, info, country):
        market = Market.objects.filter(country=clean_country(country)).first()
        if market and not market.enabled and not info.context.user.has_perm(ExportMarketsPermissions.MANAGE_OTOP_EXPORT):
            return None
        return market

    @staticmethod
    def resolve_exchange_rates(_root, _info):
        return ExchangeRateModel.objects.all()

    @staticmethod
    def resolve_checkout_export_check(_root, info, token):
        return resolve_checkout_export_check(info, token)

    @staticmethod
    def resolve_order_customs_declaration(_root, info, order_id, producer_id=None):
        from graphql_relay import from_global_id

        try:
            type_name, pk = from_global_id(order_id)
        except (ValueError, UnicodeDecodeError):
            return None
        order = Order.objects.filter(pk=pk).select_related("shipping_address").first() if type_name == "Order" else None
        if order is None:
            return None
        producer_pk = customs_parcel_for_request(info.context.user, order, producer_id)
        return customs_declaration(
            order=order,
            sender=export_configuration(plugins=getattr(info.context, "plugins", None)).customs_sender,
            producer_id=producer_pk,
        )

    @staticmethod
    def resolve_producer_export_registrations(_root, info, producer_slug):
        from plugins.producer_channels import access as producer_access

        user = info.context.user
        registrations = ProducerRegistration.objects.filter(producer__slug=producer_slug)
        if user.has_perm(ExportMarketsPermissions.MANAGE_OTOP_EXPORT):
            return registrations
        if user.is_authenticated:
            return producer_access.scope_by_producer(registrations, user=user)
        raise PermissionDenied()


class ExportMarketsMutations(graphene.ObjectType):
    export_market_create = ExportMarketCreate.Field()
    export_market_update = ExportMarketUpdate.Field()
    export_shipping_method_service_set = ExportShippingMethodServiceSet.Field()
    exchange_rate_set = ExchangeRateSet.Field()
    product_export_profile_update = ProductExportProfileUpdate.Field()
    product_certificate_add = ProductCertificateAdd.Field()
    product_certificate_delete = ProductCertificateDelete.Field()
    producer_export_registration_add = ProducerExportRegistrationAdd.Field()
    producer_export_registration_delete = ProducerExportRegistrationDelete.Field()
    order_customs_declaration_render = OrderCustomsDeclarationRender.Field()
