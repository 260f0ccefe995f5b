"""The rule engine: which products a rule-based collection holds.

A rule is a conjunction of criteria; each criterion left empty does not restrict. The whole
rule is one SQL condition on Saleor's Product, so a refresh is one query however many
products match. Facts come from the other plugins through their contracted relations
(stars, provenance, producer) and export markets' eligibility selector.
"""
from collections.abc import Iterable
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from saleor.product.models import Product

from otop_kernel.otop_categories import OtopCategory
from plugins.export_markets import selectors as export_selectors
from plugins.otop_stars import selectors as star_selectors
from plugins.producer_channels import selectors as producer_selectors
from plugins.provenance import selectors as provenance_selectors

from .error_codes import CurationErrorCode
from .models import CollectionRule


@dataclass(frozen=True)
class RuleCriteria:
    min_stars: int | None = None
    region_codes: tuple[str, ...] = ()
    province_codes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    gi_slugs: tuple[str, ...] = ()
    producer_slugs: tuple[str, ...] = ()
    market_codes: tuple[str, ...] = ()

    @classmethod
    def build(cls, **values) -> "RuleCriteria":
        """Criteria from input values: codes trimmed, country and region codes upper-cased,
        duplicates dropped (first occurrence kept)."""
        upper = {"region_codes", "market_codes", "categories"}
        cleaned = {}
        for field in fields(cls):
            value = values.get(field.name)
            if field.name == "min_stars":
                cleaned[field.name] = value
                continue
            items = [str(item).strip() for item in (value or [])]
            if field.name in upper:
                items = [item.upper() for item in items]
            cleaned[field.name] = tuple(dict.fromkeys(item for item in items if item))
        return cls(**cleaned)

    @classmethod
    def of_rule(cls, rule: CollectionRule) -> "RuleCriteria":
        return cls(**{field.name: _stored(getattr(rule, field.name)) for field in fields(cls)})

    def is_empty(self) -> bool:
        return not any(getattr(self, field.name) for field in fields(self))

    def as_model_values(self) -> dict[str, object]:
        return {
            field.name: list(value) if isinstance(value, tuple) else value
            for field in fields(self)
            for value in [getattr(self, field.name)]
        }


def _stored(value):
    return tuple(value) if isinstance(value, list) else value


def rule_criteria_validate(criteria: RuleCriteria) -> None:
    """Refuse a rule naming a region, province, GI, producer or market that does not exist.

    A rule that exists but matches no product is allowed: the refresh reports it.
    One query per kind of code given.
    """
    errors: dict[str, list[ValidationError]] = {}

    def refuse(field: str, error: ValidationError) -> None:
        errors.setdefault(field, []).append(error)

    if criteria.is_empty():
        refuse(
            "rule",
            ValidationError(
                "A rule needs at least one criterion (stars, place, category, GI, producer or market).",
                code=CurationErrorCode.EMPTY_RULE.value,
            )
        )
    if criteria.min_stars is not None and not 1 <= criteria.min_stars <= 5:
        refuse(
            "minStars",
            ValidationError(
                f"Minimum stars must be 1 to 5, got {criteria.min_stars}.",
                code=CurationErrorCode.INVALID_STARS.value,
            )
        )
    unknown_categories = [code for code in criteria.categories if code not in OtopCategory.values]
    if unknown_categories:
        refuse(
            "categories",
            ValidationError(
                f"Unknown OTOP categories: {', '.join(unknown_categories)}; "
                f"known: {', '.join(OtopCategory.values)}.",
                code=CurationErrorCode.INVALID.value,
            )
        )
    checks = [
        (criteria.region_codes, lambda: provenance_selectors.region_codes_existing(codes=criteria.region_codes),
         "regions", "regions", CurationErrorCode.UNKNOWN_REGION),
        (criteria.province_codes,
         lambda: provenance_selectors.province_codes_existing(codes=criteria.province_codes),
         "provinces", "provinces", CurationErrorCode.UNKNOWN_PROVINCE),
        (criteria.gi_slugs, lambda: provenance_selectors.gi_slugs_existing(slugs=criteria.gi_slugs),
         "geographicalIndications", "Geographical Indications", CurationErrorCode.UNKNOWN_GI),
        (criteria.producer_slugs, lambda: producer_selectors.producer_slugs_existing(slugs=criteria.producer_slugs),
         "producers", "producers", CurationErrorCode.UNKNOWN_PRODUCER),
    ]
    for given, existing_of, field, label, code in checks:
        if not given:
            continue
        existing = existing_of()
        unknown = [value for value in given if value not in existing]
        if unknown:
            refuse(field, ValidationError(f"Unknown {label}: {', '.join(unknown)}.", code=code.value))
    if criteria.market_codes:
        known = export_selectors.markets_by_countries(countries=criteria.market_codes)
        unknown = [code for code in criteria.market_codes if code not in known]
        if unknown:
            refuse(
                "markets",
                ValidationError(
                    f"Unknown export markets: {', '.join(unknown)}; a market must be set up in export markets first.",
                    code=CurationErrorCode.UNKNOWN_MARKET.value,
                )
            )
    if errors:
        raise ValidationError(errors)


def rule_condition(criteria: RuleCriteria) -> Q:
    condition = Q()
    if criteria.min_stars is not None:
        condition &= star_selectors.product_stars_at_least_q(stars=criteria.min_stars)
    condition &= provenance_selectors.product_in_places_q(
        region_codes=criteria.region_codes, province_codes=criteria.province_codes
    )
    if criteria.categories:
        condition &= provenance_selectors.product_in_categories_q(categories=criteria.categories)
    if criteria.gi_slugs:
        condition &= provenance_selectors.product_with_gis_q(gi_slugs=criteria.gi_slugs)
    if criteria.producer_slugs:
        condition &= producer_selectors.product_of_producers_q(producer_slugs=criteria.producer_slugs)
    for country in criteria.market_codes:
        condition &= Q(export_selectors.exportable_product_condition(country=country))
    return condition


def rule_products(criteria: RuleCriteria, *, product_ids: Iterable[int] | None = None) -> QuerySet:
    """Published products the criteria match (among `product_ids` when given)."""
    products = Product.objects.published().filter(rule_condition(criteria))
    if product_ids is not None:
        products = products.filter(pk__in=list(product_ids))
    return products
