import graphene
from graphql_relay import to_global_id
from prices import Money as PriceMoney
from saleor.graphql.core.types.common import CountryDisplay, Error
from saleor.graphql.core.types.money import Money

from otop_kernel.graphql.enums import OtopCategoryEnum

from .enums import (
    AllergenEnum,
    CertificateKindEnum,
    DutyTermsEnum,
    EligibilityReasonEnum,
    ExportMarketsErrorCodeEnum,
    RegistrationKindEnum,
    RequirementKindEnum,
    ShippingServiceEnum,
)


def country_display(country) -> CountryDisplay:
    return CountryDisplay(code=country.code, country=country.name)


class ExportMarketsError(Error):
    code = ExportMarketsErrorCodeEnum(description="The error code.", required=True)


class ExportCategoryRequirement(graphene.ObjectType):
    category = OtopCategoryEnum(required=True, description="OTOP category the requirement applies to.")
    kind = RequirementKindEnum(required=True, description="What the category needs in this market.")


class ExportDutyRate(graphene.ObjectType):
    hs_chapter = graphene.String(required=True, description="HS chapter: the first two digits of the HS code.")
    duty_rate = graphene.Float(required=True, description="Estimated duty, percent of the goods value.")
    tax_rate = graphene.Float(required=True, description="Estimated import tax, percent of goods value plus duty.")


class ExportMarketShippingService(graphene.ObjectType):
    service = ShippingServiceEnum(required=True, description="Thailand Post service.")
    max_weight_grams = graphene.Int(required=True, description="Heaviest parcel this market takes by this service.")
    max_value = graphene.Float(description="Highest declared parcel value in THB; null: no limit.")


class ExportMarket(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the market.")
    country = graphene.Field(CountryDisplay, required=True, description="Destination country.")
    is_home = graphene.Boolean(required=True, description="Whether this is Thailand, the home market.")
    enabled = graphene.Boolean(required=True, description="Whether shoppers may order to this country.")
    display_currency = graphene.String(required=True, description="Currency prices are shown in (ISO 4217).")
    minimum_stars = graphene.Int(required=True, description="Official OTOP stars a product needs to be sold here.")
    allowed_categories = graphene.List(
        graphene.NonNull(OtopCategoryEnum), required=True, description="OTOP categories that may be sold here."
    )
    requirements = graphene.List(
        graphene.NonNull(ExportCategoryRequirement), required=True, description="Certificates required per category."
    )
    duty_terms = DutyTermsEnum(required=True, description="DDP: duties collected at checkout; DAP: only shown.")
    de_minimis_value = graphene.Float(
        required=True, description="Parcel value (display currency) up to which no duty or tax is due."
    )
    default_duty_rate = graphene.Float(required=True, description="Duty percent for HS chapters without a rate.")
    default_tax_rate = graphene.Float(required=True, description="Import tax percent for HS chapters without a rate.")
    duty_rates = graphene.List(graphene.NonNull(ExportDutyRate), required=True, description="Rates by HS chapter.")
    shipping_services = graphene.List(
        graphene.NonNull(ExportMarketShippingService), required=True, description="Allowed services and their limits."
    )
    label_languages = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Languages labels must be in (ISO 639-1)."
    )

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("ExportMarket", root.pk)

    @staticmethod
    def resolve_country(root, _info):
        return country_display(root.country)

    @staticmethod
    def resolve_is_home(root, _info):
        from ..selectors import home_country

        return str(root.country) == home_country()

    @staticmethod
    def resolve_requirements(root, _info):
        return root.requirements.all()

    @staticmethod
    def resolve_duty_rates(root, _info):
        return root.duty_rates.all()

    @staticmethod
    def resolve_shipping_services(root, _info):
        return root.shipping_services.all()


class ExchangeRate(graphene.ObjectType):
    currency = graphene.String(required=True, description="ISO 4217 currency code.")
    units_per_thb = graphene.Float(required=True, description="Units of the currency one Thai baht buys.")
    source = graphene.String(required=True, description="Where the rate came from: 'manual' or the source address.")
    updated_at = graphene.DateTime(required=True, description="When the rate was last stored.")


class ExportEligibilityReason(graphene.ObjectType):
    code = EligibilityReasonEnum(required=True, description="Machine-readable reason.")
    message = graphene.String(required=True, description="The reason in words, e.g. 'Halal certificate missing'.")

    @staticmethod
    def resolve_code(root, _info):
        return root["code"]

    @staticmethod
    def resolve_message(root, _info):
        return root["message"]


class ProductExportMarket(graphene.ObjectType):
    market = graphene.Field(ExportMarket, required=True, description="The market.")
    country = graphene.Field(CountryDisplay, required=True, description="Destination country of the market.")
    eligible = graphene.Boolean(required=True, description="Whether the product may be sold to this market today.")
    reasons = graphene.List(
        graphene.NonNull(ExportEligibilityReason), required=True, description="Why not, when not eligible."
    )
    valid_until = graphene.Date(description="Last day a certificate this verdict relies on is valid.")

    @staticmethod
    def resolve_country(root, _info):
        return country_display(root.market.country)


class ExportCertificate(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the certificate.")
    kind = CertificateKindEnum(required=True, description="Kind of certificate.")
    number = graphene.String(required=True, description="Certificate number.")
    issuer = graphene.String(required=True, description="Issuing body.")
    valid_from = graphene.Date(required=True, description="First day of validity.")
    valid_until = graphene.Date(description="Last day of validity; null: no end.")

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("ExportCertificate", root.pk)


class ProducerExportRegistration(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the registration.")
    producer_id = graphene.Int(required=True, description="Database id of the producer.")
    kind = RegistrationKindEnum(required=True, description="Kind of registration.")
    number = graphene.String(required=True, description="Registration number.")
    issuer = graphene.String(required=True, description="Issuing authority.")
    valid_from = graphene.Date(required=True, description="First day of validity.")
    valid_until = graphene.Date(description="Last day of validity; null: no end.")

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("ProducerExportRegistration", root.pk)


class ExportProfile(graphene.ObjectType):
    hs_code = graphene.String(required=True, description="HS code digits (6, plus an optional national extension).")
    customs_description_en = graphene.String(required=True, description="English description for customs papers.")
    net_weight_grams = graphene.Int(description="Net weight of one unit in grams.")
    gross_weight_grams = graphene.Int(description="Packed weight of one unit in grams.")
    allergens_declared = graphene.Boolean(
        required=True, description="Whether allergen information was declared (an empty list then means none)."
    )
    allergens = graphene.List(graphene.NonNull(AllergenEnum), required=True, description="EU allergens contained.")
    certificates = graphene.List(
        graphene.NonNull(ExportCertificate), required=True, description="Certificates the product holds."
    )

    @staticmethod
    def resolve_certificates(root, _info):
        return root.product.otop_export_certificates.all()


class ExportLineCheck(graphene.ObjectType):
    line_id = graphene.ID(required=True, description="ID of the checkout line.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")
    product_name = graphene.String(required=True, description="Name of the product.")
    eligible = graphene.Boolean(required=True, description="Whether the line may be sent to the country.")
    reasons = graphene.List(graphene.NonNull(ExportEligibilityReason), required=True, description="Why not.")
    hs_code = graphene.String(required=True, description="HS code of the product.")
    value = graphene.Field(Money, required=True, description="Goods value of the line (charge currency).")

    @staticmethod
    def resolve_line_id(root, _info):
        return to_global_id("CheckoutLine", root.line_id)

    @staticmethod
    def resolve_variant_id(root, _info):
        return to_global_id("ProductVariant", root.variant_id)

    @staticmethod
    def resolve_value(root, _info):
        return PriceMoney(root.value, "THB")


class ExportParcel(graphene.ObjectType):
    producer_name = graphene.String(required=True, description="Producer shipping this parcel.")
    weight_grams = graphene.Int(required=True, description="Gross weight of the parcel.")
    value = graphene.Field(Money, required=True, description="Goods value of the parcel.")
    duty = graphene.Field(Money, required=True, description="Estimated duty of the parcel.")
    tax = graphene.Field(Money, required=True, description="Estimated import tax of the parcel.")
    de_minimis_applies = graphene.Boolean(required=True, description="Whether the parcel is under the de-minimis value.")

    @staticmethod
    def resolve_value(root, _info):
        return PriceMoney(root.value, "THB")

    @staticmethod
    def resolve_duty(root, _info):
        return PriceMoney(root.duty, "THB")

    @staticmethod
    def resolve_tax(root, _info):
        return PriceMoney(root.tax, "THB")


class CheckoutExportCheck(graphene.ObjectType):
    country = graphene.Field(CountryDisplay, description="Shipping country of the checkout; null: none set yet.")
    abroad = graphene.Boolean(required=True, description="Whether the checkout ships outside Thailand.")
    ok = graphene.Boolean(required=True, description="Whether the checkout may be completed as it is.")
    market = graphene.Field(ExportMarket, description="Market of the shipping country.")
    lines = graphene.List(graphene.NonNull(ExportLineCheck), required=True, description="Verdict per line.")
    parcels = graphene.List(
        graphene.NonNull(ExportParcel), required=True, description="One parcel per producer, with its estimate."
    )
    errors = graphene.List(
        graphene.NonNull(ExportMarketsError), required=True, description="What must change before payment."
    )
    shipping_service = ShippingServiceEnum(description="Service of the chosen shipping method.")
    duty = graphene.Field(Money, required=True, description="Estimated duty (charge currency).")
    tax = graphene.Field(Money, required=True, description="Estimated import tax (charge currency).")
    duties_collected_at_checkout = graphene.Boolean(
        required=True, description="DDP: the estimate is in the total; DAP: the recipient pays it on delivery."
    )
    charge_currency = graphene.String(required=True, description="Currency the shopper is charged in.")
    total = graphene.Field(Money, required=True, description="Checkout total as charged (with DDP duties).")
    display_currency = graphene.String(required=True, description="The market's display currency.")
    display_total = graphene.Field(Money, description="The total in the display currency; null: no rate stored.")
    display_duty_and_tax = graphene.Field(Money, description="Duty and tax estimate in the display currency.")


class CustomsDeclarationLine(graphene.ObjectType):
    description = graphene.String(required=True, description="Detailed description of contents, in English.")
    quantity = graphene.Int(required=True, description="Number of items.")
    net_weight_grams = graphene.Int(required=True, description="Net weight of the line in grams.")
    value = graphene.Field(Money, required=True, description="Value of the line.")
    hs_code = graphene.String(required=True, description="HS tariff number.")
    origin_country = graphene.String(required=True, description="Country of origin of the goods (TH).")

    @staticmethod
    def resolve_value(root, _info):
        return PriceMoney(root.value, root.currency)


class CustomsDeclaration(graphene.ObjectType):
    order_id = graphene.ID(required=True, description="ID of the order.")
    sender = graphene.String(required=True, description="Sender printed on the declaration.")
    recipient = graphene.List(graphene.NonNull(graphene.String), required=True, source="recipient_lines", description="Recipient address lines.")
    destination_country = graphene.String(required=True, description="Destination country code.")
    category = graphene.String(required=True, description="Category of item (CN23 box): sale of goods.")
    lines = graphene.List(graphene.NonNull(CustomsDeclarationLine), required=True, description="Contents.")
    total_quantity = graphene.Int(required=True, description="Number of items in all.")
    total_net_weight_grams = graphene.Int(required=True, description="Total net weight in grams.")
    total_gross_weight_grams = graphene.Int(required=True, description="Total gross weight in grams.")
    total_value = graphene.Field(Money, required=True, description="Total value of the contents.")
    postal_charges = graphene.Field(Money, required=True, description="Postal charges paid.")
    producer_id = graphene.ID(description="ID of the producer whose parcel this declares; null: the whole order.")
    pdf_url = graphene.String(description="Address of the rendered CN23 PDF; null until the worker rendered it.")

    @staticmethod
    def resolve_order_id(root, _info):
        return to_global_id("Order", root.order.pk)

    @staticmethod
    def resolve_total_value(root, _info):
        return PriceMoney(root.total_value, root.currency)

    @staticmethod
    def resolve_postal_charges(root, _info):
        return PriceMoney(root.postal_charges, root.currency)

    @staticmethod
    def resolve_producer_id(root, _info):
        return to_global_id("Producer", root.producer_id) if root.producer_id else None

    @staticmethod
    def resolve_pdf_url(root, info):
        from urllib.parse import urlencode

        from django.urls import reverse

        from ..models import CustomsDeclarationPdf

        document = CustomsDeclarationPdf.objects.filter(order=root.order, producer_id=root.producer_id).first()
        if document is None or not document.pdf:
            return None
        address = reverse("otop-export-cn23-pdf", kwargs={"order_id": root.order.pk})
        if root.producer_id:
            address += "?" + urlencode({"producer": to_global_id("Producer", root.producer_id)})
        return info.context.build_absolute_uri(address)
