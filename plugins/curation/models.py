"""Programme curation: featured collections on top of Saleor's Collection, their rules and
refresh log, and the baseline prices the programme's value uplift is measured against."""
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from saleor.product.models import Collection, Product

from otop_kernel.otop_categories import OtopCategory


class FeaturedCollectionKind(models.TextChoices):
    OTOP_PLUS = "OTOP_PLUS", "OTOP PLUS"
    OTOP_NEXT = "OTOP_NEXT", "Product-development track (OTOP NEXT)"
    REGIONAL_SHOWCASE = "REGIONAL_SHOWCASE", "Regional showcase"
    SEASONAL = "SEASONAL", "Seasonal"


class Selection(models.TextChoices):
    HAND_PICKED = "HAND_PICKED", "Hand-picked by programme staff"
    RULE_BASED = "RULE_BASED", "Chosen by a rule"


class FeaturedCollection(models.Model):
    """A Saleor Collection the programme features, shown to shoppers within its window.

    The window maps onto Saleor's fields: `publication_date` is the window's first day and
    `is_published` the curator's switch, so Saleor's own `collections` query never shows
    a collection early; Saleor has no end date, so the nightly task unpublishes collections
    whose window has ended. `featuredCollections` checks the exact window itself.
    """

    collection = models.OneToOneField(
        Collection, on_delete=models.CASCADE, primary_key=True, related_name="otop_featured"
    )
    kind = models.CharField(max_length=24, choices=FeaturedCollectionKind.choices, db_index=True)
    selection = models.CharField(max_length=16, choices=Selection.choices)
    visible_from = models.DateTimeField(default=timezone.now)
    visible_until = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among featured collections, lowest first."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "collection_id"]
        constraints = [
            models.CheckConstraint(
                check=models.Q(visible_until__isnull=True)
                | models.Q(visible_until__gt=models.F("visible_from")),
                name="otop_featured_window_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["visible_from", "visible_until"])]
        permissions = (
            ("manage_otop_curation", "Manage featured collections, their rules and baseline prices."),
            ("view_otop_programme_report", "View the OTOP programme report."),
        )

    def __str__(self):
        return f"{self.get_kind_display()}: {self.collection_id}"


class CollectionRule(models.Model):
    """What a rule-based collection holds: published products meeting every criterion given.

    Within one criterion any listed value matches; regions and provinces together form one
    place criterion (in any listed region or province). Market codes must all be met: the
    product is eligible for export to each market.
    """

    featured_collection = models.OneToOneField(
        FeaturedCollection, on_delete=models.CASCADE, primary_key=True, related_name="rule"
    )
    min_stars = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    region_codes = ArrayField(models.CharField(max_length=16), default=list, blank=True)
    province_codes = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    categories = ArrayField(
        models.CharField(max_length=16, choices=OtopCategory.choices), default=list, blank=True
    )
    gi_slugs = ArrayField(models.SlugField(max_length=100), default=list, blank=True)
    producer_slugs = ArrayField(models.SlugField(max_length=255), default=list, blank=True)
    market_codes = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                check=models.Q(min_stars__isnull=True) | models.Q(min_stars__gte=1, min_stars__lte=5),
                name="otop_collection_rule_min_stars_1_to_5",
            )
        ]

    def __str__(self):
        return f"rule of {self.featured_collection_id}"


class RefreshTrigger(models.TextChoices):
    CREATED = "CREATED", "Collection created"
    RULE_CHANGED = "RULE_CHANGED", "Rule changed"
    MANUAL = "MANUAL", "Refreshed by staff"
    NIGHTLY = "NIGHTLY", "Nightly refresh"
    INPUTS_CHANGED = "INPUTS_CHANGED", "Product data changed"


class CollectionRefresh(models.Model):
    """One application of a rule: how many products it matched, added and removed."""

    featured_collection = models.ForeignKey(
        FeaturedCollection, on_delete=models.CASCADE, related_name="refreshes"
    )
    trigger = models.CharField(max_length=16, choices=RefreshTrigger.choices)
    refreshed_at = models.DateTimeField(default=timezone.now)
    # Products looked at: null for the whole catalogue, else the changed products.
    scope_size = models.PositiveIntegerField(null=True, blank=True)
    matched_count = models.PositiveIntegerField()
    added_count = models.PositiveIntegerField()
    removed_count = models.PositiveIntegerField()
    product_count = models.PositiveIntegerField(help_text="Products in the collection afterwards.")

    class Meta:
        ordering = ["-refreshed_at", "-id"]
        indexes = [models.Index(fields=["featured_collection", "-refreshed_at"])]

    def __str__(self):
        return f"{self.featured_collection_id} +{self.added_count} -{self.removed_count}"


class ProductBaselinePrice(models.Model):
    """The price a product had when it entered the programme; value uplift is measured from it."""

    product = models.OneToOneField(
        Product, on_delete=models.CASCADE, primary_key=True, related_name="otop_baseline_price"
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    recorded_on = models.DateField()
    note = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(check=models.Q(amount__gt=0), name="otop_baseline_price_positive")
        ]

    def __str__(self):
        return f"{self.product_id}: {self.amount} {self.currency} on {self.recorded_on}"
