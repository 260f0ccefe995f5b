"""Export markets: per-country rules, products' export profiles and certificates, eligibility."""
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django_countries.fields import CountryField
from saleor.order.models import Order
from saleor.product.models import Product
from saleor.shipping.models import ShippingMethod

from otop_kernel.otop_categories import OtopCategory
from otop_kernel.private_files import private_file_name, private_storage

from .choices import (
    Allergen,
    CertificateKind,
    DutyTerms,
    RegistrationKind,
    RequirementKind,
    ShippingService,
)

PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Market(models.Model):
    """What may be sold to one destination country, and how."""

    country = CountryField(unique=True)
    enabled = models.BooleanField(default=False)
    display_currency = models.CharField(max_length=3)
    minimum_stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    allowed_categories = ArrayField(
        models.CharField(max_length=16, choices=OtopCategory.choices), default=list, blank=True
    )
    duty_terms = models.CharField(max_length=3, choices=DutyTerms.choices, default=DutyTerms.DAP)
    # In the display currency, as customs authorities state it.
    de_minimis_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    default_duty_rate = models.DecimalField(max_digits=5, decimal_places=2, default=0, validators=PERCENT_VALIDATORS)
    default_tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=0, validators=PERCENT_VALIDATORS)
    label_languages = ArrayField(models.CharField(max_length=8), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country"]
        permissions = (("manage_otop_export", "Manage OTOP export markets, profiles and customs papers."),)

    def __str__(self):
        return str(self.country.name)


class CategoryRequirement(models.Model):
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="requirements")
    category = models.CharField(max_length=16, choices=OtopCategory.choices)
    kind = models.CharField(max_length=32, choices=RequirementKind.choices)

    class Meta:
        ordering = ["category", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["market", "category", "kind"], name="otop_export_requirement_unique")
        ]


class DutyRate(models.Model):
    """Estimated duty and import tax for one HS chapter (first two digits of the HS code)."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="duty_rates")
    hs_chapter = models.CharField(max_length=2)
    duty_rate = models.DecimalField(max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)

    class Meta:
        ordering = ["hs_chapter"]
        constraints = [
            models.UniqueConstraint(fields=["market", "hs_chapter"], name="otop_export_duty_rate_unique")
        ]


class MarketShippingService(models.Model):
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="shipping_services")
    service = models.CharField(max_length=16, choices=ShippingService.choices)
    max_weight_grams = models.PositiveIntegerField()
    # Declared goods value per parcel, in THB; null = no limit.
    max_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["service"]
        constraints = [
            models.UniqueConstraint(fields=["market", "service"], name="otop_export_market_service_unique")
        ]


class ShippingMethodService(models.Model):
    """Which Thailand Post service a Saleor shipping method ships with."""

    shipping_method = models.OneToOneField(
        ShippingMethod, on_delete=models.CASCADE, related_name="otop_export_service"
    )
    service = models.CharField(max_length=16, choices=ShippingService.choices)


class ExchangeRate(models.Model):
    """How many units of `currency` one Thai baht buys."""

    currency = models.CharField(max_length=3, unique=True)
    units_per_thb = models.DecimalField(max_digits=20, decimal_places=10)
    source = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["currency"]


class ExportProfile(models.Model):
    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="otop_export_profile")
    # Digits only: 6 (HS) plus an optional national extension.
    hs_code = models.CharField(max_length=10, blank=True)
    customs_description_en = models.CharField(max_length=200, blank=True)
    net_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    gross_weight_grams = models.PositiveIntegerField(null=True, blank=True)
    allergens_declared = models.BooleanField(default=False)
    allergens = ArrayField(models.CharField(max_length=16, choices=Allergen.choices), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def hs_chapter(self) -> str:
        return self.hs_code[:2]


class ValidityPeriod(models.Model):
    number = models.CharField(max_length=64)
    issuer = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class ProductCertificate(ValidityPeriod):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="otop_export_certificates")
    kind = models.CharField(max_length=32, choices=CertificateKind.choices)

    class Meta:
        ordering = ["kind", "-valid_from"]


class ProducerRegistration(ValidityPeriod):
    producer = models.ForeignKey(
        "otop_producers.Producer", on_delete=models.CASCADE, related_name="export_registrations"
    )
    kind = models.CharField(max_length=32, choices=RegistrationKind.choices)

    class Meta:
        ordering = ["kind", "-valid_from"]


class ProductMarketEligibility(models.Model):
    """Whether a product may be sold to a market, and why not; kept current by the services."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="otop_export_eligibility")
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="eligibility")
    eligible = models.BooleanField()
    # [{"code": EligibilityReason, "message": str}, ...]
    reasons = models.JSONField(default=list)
    # The first day a certificate or registration this verdict relies on runs out.
    valid_until = models.DateField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["market__country"]
        constraints = [
            models.UniqueConstraint(fields=["product", "market"], name="otop_export_eligibility_unique")
        ]
        indexes = [models.Index(fields=["market", "eligible", "product"], name="otop_export_elig_market_idx")]


def customs_pdf_file_name(instance, _filename: str) -> str:
    return private_file_name(folder="otop-customs", suffix=f"cn23-order-{instance.order_id}.pdf")


class CustomsDeclarationPdf(models.Model):
    """A rendered CN23: of one producer's parcel of an order, or (no producer) of every line of
    the order, as programme staff see it. The file is private (otop_kernel/private_files.py)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="otop_customs_pdfs")
    producer = models.ForeignKey(
        "otop_producers.Producer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pdf = models.FileField(storage=private_storage, upload_to=customs_pdf_file_name, max_length=255, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["order", "producer"], condition=models.Q(producer__isnull=False), name="otop_customs_pdf_parcel"
            ),
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(producer__isnull=True), name="otop_customs_pdf_whole_order"
            ),
        ]
