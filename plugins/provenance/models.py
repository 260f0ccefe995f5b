"""Where OTOP goods come from: Thailand's gazetteer, Geographical Indications, product provenance."""
from django.contrib.postgres.fields import ArrayField
from django.db import models
from saleor.product.models import Product

from otop_kernel.otop_categories import OtopCategory


class SuccessorBasis(models.TextChoices):
    NOTICE = "notice", "Reviewed notice in the Royal Gazette"
    NAME = "name", "Only active unit of the same Thai name in the province (likely, not proven)"


class Region(models.Model):
    """One of the six regions in common use; the project keeps the map (see regions.py)."""

    code = models.CharField(max_length=16, primary_key=True)
    name_th = models.CharField(max_length=64)
    name_en = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name_en


class Province(models.Model):
    code = models.CharField(max_length=2, primary_key=True, help_text="DOPA province code.")
    iso_code = models.CharField(max_length=5, unique=True, help_text="ISO 3166-2 code, TH-xx.")
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name_en


class GazetteerUnitQuerySet(models.QuerySet):
    def current(self):
        return self.filter(abolished_on__isnull=True)

    def abolished(self):
        return self.filter(abolished_on__isnull=False)


class District(models.Model):
    """An amphoe (khet in Bangkok); abolished ones are kept so old codes still resolve."""

    code = models.CharField(max_length=4, primary_key=True, help_text="DOPA district code.")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    abolished_on = models.DateField(null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True
    )
    successors_basis = models.CharField(max_length=8, choices=SuccessorBasis.choices, blank=True)
    successors_source = models.TextField(blank=True)

    objects = GazetteerUnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name_en or self.name_th


class Subdistrict(models.Model):
    """A tambon (khwaeng in Bangkok); abolished ones are kept so old codes still resolve."""

    code = models.CharField(max_length=6, primary_key=True, help_text="DOPA subdistrict code.")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="subdistricts")
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    postcodes = ArrayField(models.CharField(max_length=5), default=list, blank=True)
    abolished_on = models.DateField(null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True
    )
    successors_basis = models.CharField(max_length=8, choices=SuccessorBasis.choices, blank=True)
    successors_source = models.TextField(blank=True)

    objects = GazetteerUnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name_en or self.name_th


class GeographicalIndicationKind(models.TextChoices):
    AGRICULTURAL = "AGRICULTURAL", "Agricultural product / สินค้าเกษตร"
    HANDICRAFT = "HANDICRAFT", "Handicraft / หัตถกรรม"
    INDUSTRIAL = "INDUSTRIAL", "Industrial product / อุตสาหกรรม"


class GeographicalIndication(models.Model):
    """A GI registered by the Department of Intellectual Property; no public machine-readable
    list exists, so programme staff keep this table."""

    slug = models.SlugField(max_length=100, unique=True)
    name_th = models.CharField(max_length=255)
    name_en = models.CharField(max_length=255)
    registration_number = models.CharField(
        max_length=32, blank=True, help_text="DIP registration number (e.g. สช 49100001)."
    )
    kind = models.CharField(max_length=16, choices=GeographicalIndicationKind.choices)
    provinces = models.ManyToManyField(Province, related_name="geographical_indications")

    class Meta:
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~models.Q(registration_number=""),
                name="otop_gi_registration_number_unique",
            )
        ]

    def __str__(self):
        return self.name_en


class ProductProvenance(models.Model):
    """Where a product is made: its tambon (district, province and region follow), its
    official OTOP category, the producer group, an optional GI and its story."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="otop_provenance")
    subdistrict = models.ForeignKey(
        Subdistrict, on_delete=models.PROTECT, related_name="product_provenances"
    )
    category = models.CharField(max_length=16, choices=OtopCategory.choices, db_index=True)
    producer_group_name = models.CharField(max_length=255, blank=True)
    gi = models.ForeignKey(
        GeographicalIndication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="product_provenances",
    )
    story_th = models.TextField(blank=True)
    story_en = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        permissions = (
            (
                "manage_otop_provenance",
                "Manage product provenance and Geographical Indications.",
            ),
        )

    def __str__(self):
        return f"{self.product_id} @ {self.subdistrict_id}"
