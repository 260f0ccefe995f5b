"""Mutations orchestrate: resolve ids, check who may act, call a service, shape the answer."""
import graphene
from graphql_jwt.exceptions import PermissionDenied
from graphql_relay import from_global_id
from saleor.graphql.core.scalars import Decimal as DecimalScalar
from saleor.order.models import Order
from saleor.product.models import Product
from saleor.shipping.models import ShippingMethod

from otop_kernel.graphql.enums import OtopCategoryEnum
from otop_kernel.graphql.mutations import OtopBaseMutation
from plugins.producer_channels import access as producer_access

from .. import services
from ..errors import ExportMarketsErrorCode
from ..models import Market, ProducerRegistration, ProductCertificate
from ..permissions import ExportMarketsPermissions
from ..validation import clean_country, error
from .enums import (
    AllergenEnum,
    CertificateKindEnum,
    DutyTermsEnum,
    RegistrationKindEnum,
    RequirementKindEnum,
    ShippingServiceEnum,
)
from .types import (
    ExchangeRate,
    ExportCertificate,
    ExportMarket,
    ExportMarketsError,
    ExportProfile,
    ProducerExportRegistration,
)

MANAGE_EXPORT = ExportMarketsPermissions.MANAGE_OTOP_EXPORT
def _enum_value(value):
    return getattr(value, "value", value)


class ExportMarketsBaseMutation(OtopBaseMutation):
    error_codes = ExportMarketsErrorCode
    meta_defaults = {"error_type_class": ExportMarketsError, "error_type_field": "export_errors"}

    class Meta:
        abstract = True

    @classmethod
    def product_or_error(cls, info, product_id, field="product_id") -> Product:
        return cls.get_node_or_error(info, product_id, field=field, only_type="Product", qs=Product.objects.all())


class ExportRequirementInput(graphene.InputObjectType):
    category = OtopCategoryEnum(required=True, description="OTOP category.")
    kind = RequirementKindEnum(required=True, description="What the category needs in this market.")


class ExportDutyRateInput(graphene.InputObjectType):
    hs_chapter = graphene.String(required=True, description="HS chapter, two digits (01-99).")
    duty_rate = DecimalScalar(required=True, description="Duty percent of the goods value, 0-100.")
    tax_rate = DecimalScalar(required=True, description="Import tax percent of goods value plus duty, 0-100.")


class ExportShippingServiceInput(graphene.InputObjectType):
    service = ShippingServiceEnum(required=True, description="Thailand Post service.")
    max_weight_grams = graphene.Int(
        required=True, description="Heaviest parcel in grams (EMS World up to 30000, ePacket up to 2000)."
    )
    max_value = DecimalScalar(description="Highest declared parcel value in THB; null: no limit.")


class ExportMarketInput(graphene.InputObjectType):
    enabled = graphene.Boolean(description="Whether shoppers may order to this country.")
    display_currency = graphene.String(description="ISO 4217 currency prices are shown in.")
    minimum_stars = graphene.Int(description="Official stars a product needs (1-5); default: the export minimum.")
    allowed_categories = graphene.List(graphene.NonNull(OtopCategoryEnum), description="OTOP categories allowed.")
    requirements = graphene.List(
        graphene.NonNull(ExportRequirementInput), description="Requirements per category (replaces the stored ones)."
    )
    duty_terms = DutyTermsEnum(description="DDP or DAP.")
    de_minimis_value = DecimalScalar(description="Parcel value in the display currency without duty or tax.")
    default_duty_rate = DecimalScalar(description="Duty percent for HS chapters without a rate.")
    default_tax_rate = DecimalScalar(description="Import tax percent for HS chapters without a rate.")
    duty_rates = graphene.List(graphene.NonNull(ExportDutyRateInput), description="Rates by HS chapter (replaces).")
    shipping_services = graphene.List(
        graphene.NonNull(ExportShippingServiceInput), description="Allowed services and limits (replaces)."
    )
    label_languages = graphene.List(graphene.NonNull(graphene.String), description="ISO 639-1 label languages.")


def _market_kwargs(data: dict) -> dict:
    kwargs = {}
    for name, value in data.items():
        if name in ("allowed_categories",):
            value = [_enum_value(item) for item in value]
        elif name == "requirements":
            value = [{"category": _enum_value(item.category), "kind": _enum_value(item.kind)} for item in value]
        elif name == "shipping_services":
            value = [
                {"service": _enum_value(item.service), "max_weight_grams": item.max_weight_grams, "max_value": item.get("max_value")}
                for item in value
            ]
        elif name == "duty_rates":
            value = [dict(item) for item in value]
        elif name == "duty_terms":
            value = _enum_value(value)
        kwargs[name] = value
    return kwargs


class ExportStaffMutation(ExportMarketsBaseMutation):
    """Export staff's mutations (MANAGE_OTOP_EXPORT)."""

    meta_defaults = {**ExportMarketsBaseMutation.meta_defaults, "permissions": (MANAGE_EXPORT,)}

    class Meta:
        abstract = True


class ExportMarketCreate(ExportStaffMutation):
    market = graphene.Field(ExportMarket, description="The created market.")

    class Arguments:
        country = graphene.String(required=True, description="Destination country code (ISO 3166-1 alpha-2).")
        input = ExportMarketInput(required=True, description="Settings of the market.")

    class Meta:
        description = "Create the export market of a country. Requires the MANAGE_OTOP_EXPORT permission."

    @classmethod
    def perform_mutation(cls, _root, _info, country, input):
        kwargs = _market_kwargs(dict(input))
        if not kwargs.get("display_currency"):
            raise error("display_currency", "A display currency is required.", ExportMarketsErrorCode.REQUIRED)
        market = services.market_create(country=country, **kwargs)
        return cls(market=market)


class ExportMarketUpdate(ExportStaffMutation):
    market = graphene.Field(ExportMarket, description="The changed market.")

    class Arguments:
        country = graphene.String(required=True, description="Country code of the market.")
        input = ExportMarketInput(required=True, description="Settings to change; lists given replace stored ones.")

    class Meta:
        description = "Change an export market. Requires the MANAGE_OTOP_EXPORT permission."

    @classmethod
    def perform_mutation(cls, _root, _info, country, input):
        market = Market.objects.filter(country=clean_country(country)).first()
        if market is None:
            raise error("country", f"No market for {country}.", ExportMarketsErrorCode.NOT_FOUND)
        return cls(market=services.market_update(market=market, **_market_kwargs(dict(input))))


class ExportShippingMethodServiceSet(ExportStaffMutation):
    shipping_method_id = graphene.ID(description="The shipping method.")
    service = ShippingServiceEnum(description="Its Thailand Post service; null when unlinked.")

    class Arguments:
        shipping_method_id = graphene.ID(required=True, description="ID of a Saleor shipping method.")
        service = ShippingServiceEnum(description="Service it ships with; null to unlink.")

    class Meta:
        description = "Tell which Thailand Post service a shipping method uses. Requires MANAGE_OTOP_EXPORT."

    @classmethod
    def perform_mutation(cls, _root, info, shipping_method_id, service=None):
        method = cls.get_node_or_error(
            info, shipping_method_id, field="shipping_method_id", only_type="ShippingMethod", qs=ShippingMethod.objects.all()
        )
        link = services.shipping_method_service_set(shipping_method=method, service=_enum_value(service))
        return cls(shipping_method_id=shipping_method_id, service=link.service if link else None)


class ExchangeRateSet(ExportStaffMutation):
    exchange_rate = graphene.Field(ExchangeRate, description="The stored rate.")

    class Arguments:
        currency = graphene.String(required=True, description="ISO 4217 currency code.")
        units_per_thb = DecimalScalar(required=True, description="Units of the currency one baht buys.")

    class Meta:
        description = "Store an exchange rate by hand. Requires the MANAGE_OTOP_EXPORT permission."

    @classmethod
    def perform_mutation(cls, _root, _info, currency, units_per_thb):
        return cls(exchange_rate=services.exchange_rate_set(currency=currency, units_per_thb=units_per_thb))


class ExportProfileInput(graphene.InputObjectType):
    hs_code = graphene.String(description="HS code: 6 digits plus an optional 2- or 4-digit national extension.")
    customs_description_en = graphene.String(description="English description for customs papers.")
    net_weight_grams = graphene.Int(description="Net weight of one unit in grams.")
    gross_weight_grams = graphene.Int(description="Packed weight of one unit in grams.")
    allergens_declared = graphene.Boolean(description="Whether allergen information is declared.")
    allergens = graphene.List(graphene.NonNull(AllergenEnum), description="EU allergens contained (declares them).")


def product_for_write(info, product_id: str, field: str = "product_id") -> Product:
    """A product the caller may write to: with MANAGE_OTOP_EXPORT, or through its producer.

    An id that is empty, unknown or of a product the caller may not write to gets the same
    NOT_FOUND error, so the answer never tells that another producer's product exists.
    """
    reached = producer_access.reach_product(
        user=info.context.user, pk=_pk_or_none(product_id, "Product"), staff_permission=MANAGE_EXPORT
    )
    if reached is None or not reached.writable:
        raise error(field, f"Couldn't resolve to a product: {product_id!r}.", ExportMarketsErrorCode.NOT_FOUND)
    return reached.object


class ProductExportProfileUpdate(ExportMarketsBaseMutation):
    export_profile = graphene.Field(ExportProfile, description="The product's export profile.")

    class Arguments:
        product_id = graphene.ID(required=True, description="ID of the product.")
        input = ExportProfileInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Create or change a product's export profile. Requires MANAGE_OTOP_EXPORT, or write access to the "
            "product through its producer."
        )

    @classmethod
    def perform_mutation(cls, _root, info, product_id, input):
        product = product_for_write(info, product_id)
        data = dict(input)
        if "allergens" in data:
            data["allergens"] = [_enum_value(item) for item in data["allergens"]]
        return cls(export_profile=services.export_profile_update(product=product, **data))


class ExportDocumentInput(graphene.InputObjectType):
    number = graphene.String(required=True, description="Number (Thai FDA food serial: XX-X-XXXXX-X-XXXX).")
    issuer = graphene.String(description="Issuing body.")
    valid_from = graphene.Date(required=True, description="First day of validity.")
    valid_until = graphene.Date(description="Last day of validity; not before valid_from.")


def _document(input) -> dict:
    """The service's arguments for an ExportDocumentInput."""
    return {
        "kind": _enum_value(input.kind),
        "number": input.number,
        "issuer": input.get("issuer") or "",
        "valid_from": input.valid_from,
        "valid_until": input.get("valid_until"),
    }


class ExportCertificateInput(ExportDocumentInput):
    kind = CertificateKindEnum(required=True, description="Kind of certificate.")


class ProductCertificateAdd(ExportMarketsBaseMutation):
    certificate = graphene.Field(ExportCertificate, description="The added certificate.")

    class Arguments:
        product_id = graphene.ID(required=True, description="ID of the product.")
        input = ExportCertificateInput(required=True, description="The certificate.")

    class Meta:
        description = (
            "Add a certificate to a product. Requires MANAGE_OTOP_EXPORT, or write access to the product "
            "through its producer."
        )

    @classmethod
    def perform_mutation(cls, _root, info, product_id, input):
        product = product_for_write(info, product_id)
        certificate = services.product_certificate_add(product=product, **_document(input))
        return cls(certificate=certificate)


def _pk_or_none(global_id: str, type_name: str) -> int | None:
    try:
        found_type, pk = from_global_id(global_id or "")
        return int(pk) if found_type == type_name and int(pk) > 0 else None
    except (ValueError, TypeError, UnicodeDecodeError):
        return None


def _pk_of(global_id: str, type_name: str, field: str) -> int:
    try:
        found_type, pk = from_global_id(global_id)
        if found_type != type_name:
            raise ValueError
        return int(pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise error(field, f"{global_id!r} is not an ID of a {type_name}.", ExportMarketsErrorCode.GRAPHQL_ERROR)


class ProductCertificateDelete(ExportMarketsBaseMutation):
    deleted_id = graphene.ID(description="ID of the deleted certificate.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the certificate.")

    class Meta:
        description = (
            "Delete a product certificate. Requires MANAGE_OTOP_EXPORT, or write access to the product "
            "through its producer."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id):
        certificate = ProductCertificate.objects.filter(pk=_pk_of(id, "ExportCertificate", "id")).first()
        reached = certificate and producer_access.reach_product(
            user=info.context.user, pk=certificate.product_id, staff_permission=MANAGE_EXPORT
        )
        if not reached or not reached.writable:
            raise error("id", "No such certificate.", ExportMarketsErrorCode.NOT_FOUND)
        services.product_certificate_delete(certificate=certificate)
        return cls(deleted_id=id)


def producer_for_write(info, slug: str):
    """A producer the caller may write to (MANAGE_OTOP_EXPORT, or acting for it while it is not
    suspended); unknown or not the caller's get the same answer (see product_for_write)."""
    reached = producer_access.reach_producer(user=info.context.user, slug=slug, staff_permission=MANAGE_EXPORT)
    if reached is None or not reached.writable:
        raise error("producer_slug", f"No producer {slug!r}.", ExportMarketsErrorCode.NOT_FOUND)
    return reached.object


class ExportRegistrationInput(ExportDocumentInput):
    kind = RegistrationKindEnum(required=True, description="Kind of registration.")


class ProducerExportRegistrationAdd(ExportMarketsBaseMutation):
    registration = graphene.Field(ProducerExportRegistration, description="The added registration.")

    class Arguments:
        producer_slug = graphene.String(required=True, description="Slug of the producer.")
        input = ExportRegistrationInput(required=True, description="The registration.")

    class Meta:
        description = (
            "Add a facility registration (US FDA, GACC) to a producer. Requires MANAGE_OTOP_EXPORT, or being "
            "a member of the producer."
        )

    @classmethod
    def perform_mutation(cls, _root, info, producer_slug, input):
        producer = producer_for_write(info, producer_slug)
        registration = services.producer_registration_add(producer=producer, **_document(input))
        return cls(registration=registration)


class ProducerExportRegistrationDelete(ExportMarketsBaseMutation):
    deleted_id = graphene.ID(description="ID of the deleted registration.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the registration.")

    class Meta:
        description = "Delete a producer's registration. Requires MANAGE_OTOP_EXPORT, or being a member of the producer."

    @classmethod
    def perform_mutation(cls, _root, info, id):
        registration = (
            ProducerRegistration.objects.filter(pk=_pk_of(id, "ProducerExportRegistration", "id"))
            .select_related("producer")
            .first()
        )
        if registration is None:
            raise error("id", "No such registration.", ExportMarketsErrorCode.NOT_FOUND)
        producer_for_write(info, registration.producer.slug)
        services.producer_registration_delete(registration=registration)
        return cls(deleted_id=id)


def customs_parcel_for_request(user, order: Order, producer_id) -> int | None:
    """The parcel (producer pk, None for the whole order) of `order` the user may reach, or
    PermissionDenied; see customs.customs_parcel_of_user."""
    from graphql.error import GraphQLError

    from ..customs import CustomsOutOfReach, CustomsParcelNeeded, customs_parcel_of_user, producer_pk_of

    try:
        return customs_parcel_of_user(user=user, order=order, producer_id=producer_pk_of(producer_id))
    except CustomsOutOfReach:
        raise PermissionDenied()
    except CustomsParcelNeeded:
        raise GraphQLError("You act for several producers of this order: give producerId.")


class OrderCustomsDeclarationRender(ExportMarketsBaseMutation):
    queued = graphene.Boolean(description="Whether the rendering was queued.")

    class Arguments:
        order_id = graphene.ID(required=True, description="ID of the order.")
        producer_id = graphene.ID(
            description="ID of the producer whose parcel to declare (as in orderCustomsDeclaration)."
        )

    class Meta:
        description = (
            "Render again the CN23 PDF of an order abroad, or of one producer's parcel (a worker does it). Requires "
            "MANAGE_OTOP_EXPORT or MANAGE_ORDERS, or being a member of a producer of the order (its own parcel)."
        )

    @classmethod
    def perform_mutation(cls, _root, info, order_id, producer_id=None):
        from ..customs import order_ships_abroad

        order = cls.get_node_or_error(info, order_id, field="order_id", only_type="Order", qs=Order.objects.all())
        producer_pk = customs_parcel_for_request(info.context.user, order, producer_id)
        if not order_ships_abroad(order):
            raise error("order_id", "The order does not ship abroad: it needs no CN23.", ExportMarketsErrorCode.NOT_ABROAD)
        services.customs_declaration_pdf_request(order_id=order.pk, producer_id=producer_pk)
        return cls(queued=True)
