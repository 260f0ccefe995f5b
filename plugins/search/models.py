from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from saleor.product.models import Product


class SearchDocument(models.Model):
    """What the search matches a product by, rebuilt from its sources (plugins/search/documents.py).

    `vector` holds the words of every text (Thai split into words), weighted A for the
    product's names, B for producer, places, GI and OTOP category, C for descriptions, D for
    SKUs. `names` holds the names normalized, for trigram matching (typos, Japanese and
    Chinese substrings).
    """

    product = models.OneToOneField(
        Product, on_delete=models.CASCADE, primary_key=True, related_name="otop_search_document"
    )
    vector = SearchVectorField()
    names = models.TextField()
    place_codes = ArrayField(models.CharField(max_length=6), default=list)
    stars = models.PositiveSmallIntegerField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            GinIndex(fields=["vector"], name="otop_search_vector_gin"),
            GinIndex(fields=["names"], name="otop_search_names_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["place_codes"], name="otop_search_places_gin"),
        ]


class SuggestionKind(models.TextChoices):
    PRODUCT = "product", "Product name"
    PROVINCE = "province", "Province"
    DISTRICT = "district", "District"
    SUBDISTRICT = "subdistrict", "Subdistrict (tambon)"


class SearchSuggestion(models.Model):
    """A name offered while the shopper types: a product's name in one language, or a place."""

    kind = models.CharField(max_length=16, choices=SuggestionKind.choices)
    key = models.CharField(max_length=32, help_text="Product id, or the place's DOPA code.")
    language = models.CharField(max_length=10)
    text = models.CharField(max_length=255)
    normalized = models.CharField(max_length=255)
    product = models.ForeignKey(Product, null=True, on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "language"], name="otop_search_suggestion_unique")
        ]
        indexes = [
            models.Index(fields=["normalized"], name="otop_search_sugg_prefix", opclasses=["varchar_pattern_ops"]),
            GinIndex(fields=["normalized"], name="otop_search_sugg_trgm", opclasses=["gin_trgm_ops"]),
        ]


class SearchTerm(models.Model):
    """A word of the catalogue's names and places: what "did you mean" corrects towards."""

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        indexes = [GinIndex(fields=["word"], name="otop_search_term_trgm", opclasses=["gin_trgm_ops"])]
