"""Writes of the export markets plugin. Every service validates all its input before it writes."""
import json
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

import requests
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from saleor.product.models import Product
from saleor.shipping.models import ShippingMethod

from otop_kernel.input_limits import values_check
from otop_kernel.product_facts import product_facts_changed

from .choices import (
    CertificateKind,
    DutyTerms,
    RegistrationKind,
    RequirementKind,
    ShippingService,
)
from .eligibility import Document, ProductInputs, evaluate
from .errors import ExportMarketsErrorCode
from .models import (
    CategoryRequirement,
    CustomsDeclarationPdf,
    DutyRate,
    ExchangeRate,
    ExportProfile,
    Market,
    MarketShippingService,
    ProducerRegistration,
    ProductCertificate,
    ProductMarketEligibility,
    ShippingMethodService,
)
from .selectors import BASE_CURRENCY, home_country, today
from .validation import (
    clean_categories,
    clean_certificate_number,
    clean_country,
    clean_currency,
    clean_hs_chapter,
    clean_hs_code,
    clean_languages,
    clean_percent,
    clean_service_limit,
    clean_stars,
    clean_validity,
    clean_weights,
    error,
)

RECOMPUTE_CHUNK = 1000
UNSET = object()

# Its name among the product-facts subscribers (otop_kernel/product_facts.py).
ELIGIBILITY_FACTS_SUBSCRIBER = "export_markets.eligibility"


# Markets ---------------------------------------------------------------------------------------


def _clean_requirements(requirements) -> list[tuple]:
    cleaned = []
    for item in requirements:
        (category,) = clean_categories([item["category"]], field="requirements")
        if item["kind"] not in RequirementKind.values:
            raise error("requirements", f"{item['kind']!r} is not a requirement kind.", ExportMarketsErrorCode.INVALID)
        if (category, item["kind"]) not in cleaned:
            cleaned.append((category, item["kind"]))
    return cleaned


def _clean_duty_rates(duty_rates) -> list[dict]:
    cleaned: dict[str, dict] = {}
    for item in duty_rates:
        chapter = clean_hs_chapter(item["hs_chapter"], field="duty_rates")
        if chapter in cleaned:
            raise error("duty_rates", f"HS chapter {chapter} is given twice.", ExportMarketsErrorCode.UNIQUE)
        cleaned[chapter] = {
            "hs_chapter": chapter,
            "duty_rate": clean_percent(item["duty_rate"], field="duty_rates"),
            "tax_rate": clean_percent(item["tax_rate"], field="duty_rates"),
        }
    return list(cleaned.values())


def _clean_shipping_services(services) -> list[dict]:
    cleaned: dict[str, dict] = {}
    for item in services:
        service = item["service"]
        if service not in ShippingService.values:
            raise error("shipping_services", f"{service!r} is not a shipping service.", ExportMarketsErrorCode.INVALID)
        if service in cleaned:
            raise error("shipping_services", f"{service} is given twice.", ExportMarketsErrorCode.UNIQUE)
        max_value = item.get("max_value")
        clean_service_limit(service, item["max_weight_grams"], max_value, field="shipping_services")
        cleaned[service] = {"service": service, "max_weight_grams": item["max_weight_grams"], "max_value": max_value}
    return list(cleaned.values())


# A market's settings, as market_create and market_update take them.
MARKET_FIELDS = (
    "display_currency", "enabled", "minimum_stars", "allowed_categories", "duty_terms", "de_minimis_value",
    "default_duty_rate", "default_tax_rate", "label_languages", "requirements", "duty_rates", "shipping_services",
)


def _clean_market_fields(data: dict) -> dict:
    cleaners = {
        "display_currency": lambda value: clean_currency(value),
        "minimum_stars": lambda value: clean_stars(value),
        "allowed_categories": lambda value: clean_categories(value),
        "label_languages": lambda value: clean_languages(value),
        "default_duty_rate": lambda value: clean_percent(value, field="default_duty_rate"),
        "default_tax_rate": lambda value: clean_percent(value, field="default_tax_rate"),
        "requirements": _clean_requirements,
        "duty_rates": _clean_duty_rates,
        "shipping_services": _clean_shipping_services,
    }
    cleaned = {}
    for name, value in data.items():
        if value is UNSET:
            continue
        if name in cleaners:
            value = cleaners[name](value)
        elif name == "duty_terms" and value not in DutyTerms.values:
            raise error(name, f"{value!r} is neither DDP nor DAP.", ExportMarketsErrorCode.INVALID)
        elif name == "de_minimis_value" and (value is None or value < 0):
            raise error(name, "The de-minimis value is an amount of 0 or more.", ExportMarketsErrorCode.INVALID)
        cleaned[name] = value
    values_check(Market, cleaned, codes=ExportMarketsErrorCode)
    for item in cleaned.get("duty_rates", ()):
        values_check(DutyRate, item, codes=ExportMarketsErrorCode)
    for item in cleaned.get("shipping_services", ()):
        values_check(MarketShippingService, item, codes=ExportMarketsErrorCode)
    return cleaned


def _write_market(market: Market, cleaned: dict) -> Market:
    nested = {name: cleaned.pop(name) for name in ("requirements", "duty_rates", "shipping_services") if name in cleaned}
    for name, value in cleaned.items():
        setattr(market, name, value)
    market.save()
    if "requirements" in nested:
        market.requirements.all().delete()
        CategoryRequirement.objects.bulk_create(
            CategoryRequirement(market=market, category=category, kind=kind) for category, kind in nested["requirements"]
        )
    if "duty_rates" in nested:
        market.duty_rates.all().delete()
        DutyRate.objects.bulk_create(DutyRate(market=market, **item) for item in nested["duty_rates"])
    if "shipping_services" in nested:
        market.shipping_services.all().delete()
        MarketShippingService.objects.bulk_create(
            MarketShippingService(market=market, **item) for item in nested["shipping_services"]
        )
    product_eligibility_recompute_on_commit(market_ids=[market.pk])
    return market


def market_create(
    *,
    country: str,
    display_currency: str,
    enabled: bool = False,
    minimum_stars: int | None = None,
    allowed_categories: Sequence[str] = (),
    duty_terms: str = DutyTerms.DAP,
    de_minimis_value: Decimal = Decimal(0),
    default_duty_rate: Decimal = Decimal(0),
    default_tax_rate: Decimal = Decimal(0),
    label_languages: Sequence[str] = (),
    requirements: Sequence[dict] = (),
    duty_rates: Sequence[dict] = (),
    shipping_services: Sequence[dict] = (),
) -> Market:
    """A market for one destination country; its minimum stars default to the programme's export minimum."""
    from plugins.otop_stars.selectors import stars_configuration

    country = clean_country(country)
    if Market.objects.filter(country=country).exists():
        raise error("country", f"A market for {country} exists already.", ExportMarketsErrorCode.UNIQUE)
    if minimum_stars is None:
        minimum_stars = stars_configuration().minimum_export_stars
    cleaned = _clean_market_fields({name: value for name, value in locals().items() if name in MARKET_FIELDS})
    with transaction.atomic():
        return _write_market(Market(country=country), cleaned)


def market_update(*, market: Market, **changes) -> Market:
    """Change the given settings (those market_create takes, but the country); a given list
    (requirements, duty rates, services) replaces the stored one."""
    unknown = set(changes) - set(MARKET_FIELDS)
    if unknown:
        raise TypeError(f"market_update() got unexpected settings: {', '.join(sorted(unknown))}")
    cleaned = _clean_market_fields(changes)
    with transaction.atomic():
        return _write_market(market, cleaned)


def shipping_method_service_set(*, shipping_method: ShippingMethod, service: str | None) -> ShippingMethodService | None:
    """Tell which Thailand Post service a shipping method uses; None removes the link."""
    if service is None:
        ShippingMethodService.objects.filter(shipping_method=shipping_method).delete()
        return None
    if service not in ShippingService.values:
        raise error("service", f"{service!r} is not a shipping service.", ExportMarketsErrorCode.INVALID)
    link, _created = ShippingMethodService.objects.update_or_create(
        shipping_method=shipping_method, defaults={"service": service}
    )
    return link


# Exchange rates --------------------------------------------------------------------------------


def exchange_rate_set(*, currency: str, units_per_thb: Decimal, source: str = "manual") -> ExchangeRate:
    currency = clean_currency(currency, field="currency")
    if currency == BASE_CURRENCY:
        raise error("currency", "Baht is the base currency: its rate is always 1.", ExportMarketsErrorCode.INVALID_CURRENCY)
    if units_per_thb is None or units_per_thb <= 0:
        raise error("units_per_thb", "A rate is a positive number of units per baht.", ExportMarketsErrorCode.INVALID_RATE)
    values_check(ExchangeRate, {"units_per_thb": units_per_thb}, codes=ExportMarketsErrorCode)
    rate, _created = ExchangeRate.objects.update_or_create(
        currency=currency, defaults={"units_per_thb": units_per_thb, "source": source[:200]}
    )
    return rate


def exchange_rates_refresh(*, source_url: str, timeout: float = 10.0) -> list[ExchangeRate]:
    """Read baht rates from `source_url` and store those of the markets' display currencies.

    The source answers JSON with the base currency ("base" or "base_code": THB) and "rates".
    """
    try:
        response = requests.get(source_url, timeout=timeout)
        response.raise_for_status()
        payload = response.json()
    except (requests.RequestException, json.JSONDecodeError) as exc:
        raise error("exchange_rate_source_url", f"The rate source did not answer: {exc}", ExportMarketsErrorCode.INVALID_SOURCE)
    base = str(payload.get("base") or payload.get("base_code") or "").upper()
    if base != BASE_CURRENCY or not isinstance(payload.get("rates"), dict):
        raise error(
            "exchange_rate_source_url",
            f"The rate source must give rates for base {BASE_CURRENCY}, got base {base or 'none'}.",
            ExportMarketsErrorCode.INVALID_SOURCE,
        )
    wanted = set(Market.objects.values_list("display_currency", flat=True)) | set(
        ExchangeRate.objects.values_list("currency", flat=True)
    )
    wanted.discard(BASE_CURRENCY)
    fresh = {}
    for currency in wanted:
        try:
            value = Decimal(str(payload["rates"][currency]))
        except (KeyError, InvalidOperation):
            continue
        if value > 0:
            fresh[currency] = value
    with transaction.atomic():
        return [
            exchange_rate_set(currency=currency, units_per_thb=value, source=source_url)
            for currency, value in sorted(fresh.items())
        ]


# Product export profiles, certificates, producer registrations ---------------------------------


def export_profile_update(
    *,
    product: Product,
    hs_code=UNSET,
    customs_description_en=UNSET,
    net_weight_grams=UNSET,
    gross_weight_grams=UNSET,
    allergens_declared=UNSET,
    allergens=UNSET,
) -> ExportProfile:
    """Create or change a product's export profile; only the given fields change."""
    from .choices import Allergen

    profile = ExportProfile.objects.filter(product=product).first() or ExportProfile(product=product)
    changes = {}
    if hs_code is not UNSET:
        changes["hs_code"] = clean_hs_code(hs_code) if hs_code else ""
    if customs_description_en is not UNSET:
        changes["customs_description_en"] = (customs_description_en or "").strip()
    if net_weight_grams is not UNSET:
        changes["net_weight_grams"] = net_weight_grams
    if gross_weight_grams is not UNSET:
        changes["gross_weight_grams"] = gross_weight_grams
    clean_weights(
        changes.get("net_weight_grams", profile.net_weight_grams),
        changes.get("gross_weight_grams", profile.gross_weight_grams),
    )
    if allergens is not UNSET:
        unknown = [value for value in allergens if value not in Allergen.values]
        if unknown:
            raise error("allergens", f"{unknown[0]!r} is not one of the 14 EU allergens.", ExportMarketsErrorCode.INVALID)
        changes["allergens"] = sorted(set(allergens))
        if allergens_declared is UNSET:
            changes["allergens_declared"] = True
    if allergens_declared is not UNSET:
        changes["allergens_declared"] = bool(allergens_declared)
    values_check(ExportProfile, changes, codes=ExportMarketsErrorCode)
    for name, value in changes.items():
        setattr(profile, name, value)
    with transaction.atomic():
        profile.save()
        _export_data_changed([product.pk])
    return profile


def _export_data_changed(product_ids: list[int]) -> None:
    """Products' export data changed: their eligibility now, the other facts' subscribers after commit."""
    product_eligibility_recompute(product_ids=product_ids)
    product_facts_changed(product_ids=product_ids, already_recomputed=[ELIGIBILITY_FACTS_SUBSCRIBER])


def _clean_document(kind_choices, kind: str, number: str, valid_from: date, valid_until: date | None) -> str:
    if kind not in kind_choices.values:
        raise error("kind", f"{kind!r} is not a {kind_choices.__name__}.", ExportMarketsErrorCode.INVALID)
    if valid_from is None:
        raise error("valid_from", "A start of validity is required.", ExportMarketsErrorCode.REQUIRED)
    clean_validity(valid_from, valid_until)
    return clean_certificate_number(kind, number)


def product_certificate_add(
    *, product: Product, kind: str, number: str, issuer: str = "", valid_from: date, valid_until: date | None = None
) -> ProductCertificate:
    number = _clean_document(CertificateKind, kind, number, valid_from, valid_until)
    values_check(ProductCertificate, {"number": number, "issuer": issuer}, codes=ExportMarketsErrorCode)
    with transaction.atomic():
        certificate = ProductCertificate.objects.create(
            product=product, kind=kind, number=number, issuer=issuer.strip(), valid_from=valid_from, valid_until=valid_until
        )
        _export_data_changed([product.pk])
    return certificate


def product_certificate_delete(*, certificate: ProductCertificate) -> None:
    product_id = certificate.product_id
    with transaction.atomic():
        certificate.delete()
        _export_data_changed([product_id])


def _producer_product_ids(producer_id: int) -> list[int]:
    from plugins.producer_channels.selectors import product_ids_of_producer

    return list(product_ids_of_producer(producer_id=producer_id))


def producer_registration_add(
    *, producer, kind: str, number: str, issuer: str = "", valid_from: date, valid_until: date | None = None
) -> ProducerRegistration:
    number = _clean_document(RegistrationKind, kind, number, valid_from, valid_until)
    values_check(ProducerRegistration, {"number": number, "issuer": issuer}, codes=ExportMarketsErrorCode)
    with transaction.atomic():
        registration = ProducerRegistration.objects.create(
            producer=producer, kind=kind, number=number, issuer=issuer.strip(), valid_from=valid_from, valid_until=valid_until
        )
        product_ids = _producer_product_ids(producer.pk)
        _export_data_changed(product_ids)
    return registration


def producer_registration_delete(*, registration: ProducerRegistration) -> None:
    producer_id = registration.producer_id
    with transaction.atomic():
        registration.delete()
        product_ids = _producer_product_ids(producer_id)
        _export_data_changed(product_ids)


# Eligibility -----------------------------------------------------------------------------------


def _load_inputs(product_ids: list[int]) -> list[ProductInputs]:
    from plugins.otop_stars.selectors import current_stars_by_product_ids
    from plugins.producer_channels.selectors import producers_by_product_ids
    from plugins.provenance.selectors import categories_by_product_ids

    stars = current_stars_by_product_ids(product_ids=product_ids)
    categories = categories_by_product_ids(product_ids=product_ids)
    producers = {product_id: producer.pk for product_id, producer in producers_by_product_ids(product_ids=product_ids).items()}
    profiles = {profile.product_id: profile for profile in ExportProfile.objects.filter(product_id__in=product_ids)}
    certificates: dict[int, list[Document]] = {}
    for product_id, kind, valid_from, valid_until in ProductCertificate.objects.filter(
        product_id__in=product_ids
    ).values_list("product_id", "kind", "valid_from", "valid_until"):
        certificates.setdefault(product_id, []).append(Document(kind, valid_from, valid_until))
    registrations: dict[int, list[Document]] = {}
    for producer_id, kind, valid_from, valid_until in ProducerRegistration.objects.filter(
        producer_id__in=set(producers.values())
    ).values_list("producer_id", "kind", "valid_from", "valid_until"):
        registrations.setdefault(producer_id, []).append(Document(kind, valid_from, valid_until))
    return [
        ProductInputs(
            product_id=product_id,
            stars=stars.get(product_id),
            category=categories.get(product_id),
            producer_id=producers.get(product_id),
            profile=profiles.get(product_id),
            certificates=certificates.get(product_id, []),
            registrations=registrations.get(producers.get(product_id), []),
        )
        for product_id in product_ids
    ]


def _markets_with_requirements(market_ids: Iterable[int] | None) -> list[tuple]:
    markets = Market.objects.prefetch_related("requirements")
    if market_ids is not None:
        markets = markets.filter(pk__in=list(market_ids))
    found = []
    for market in markets:
        requirements: dict[str, list[str]] = {}
        for requirement in market.requirements.all():
            requirements.setdefault(requirement.category, []).append(requirement.kind)
        found.append((market, requirements))
    return found


def product_eligibility_recompute(
    *, product_ids: Iterable[int] | None = None, market_ids: Iterable[int] | None = None
) -> int:
    """Store the verdict of each product for each market (all of either when not given); returns rows written.

    Other plugins' services call this when an input changes (stars, category, producer link).
    """
    markets = _markets_with_requirements(market_ids)
    if not markets:
        return 0
    if product_ids is None:
        product_ids = Product.objects.order_by("pk").values_list("pk", flat=True)
    product_ids = list(dict.fromkeys(product_ids))
    day, home = today(), home_country()
    written = 0
    for start in range(0, len(product_ids), RECOMPUTE_CHUNK):
        with transaction.atomic():
            # Recomputes of one product run one at a time (a worker and a request may both be
            # asked): each reads its inputs after the previous one has written its rows.
            chunk = list(
                Product.objects.filter(pk__in=product_ids[start : start + RECOMPUTE_CHUNK])
                .order_by("pk")
                .select_for_update()
                .values_list("pk", flat=True)
            )
            rows = []
            for inputs in _load_inputs(chunk):
                for market, requirements in markets:
                    outcome = evaluate(inputs, market, requirements, day=day, home=home)
                    rows.append(
                        ProductMarketEligibility(
                            product_id=inputs.product_id,
                            market=market,
                            eligible=outcome.eligible,
                            reasons=outcome.reasons,
                            valid_until=outcome.valid_until,
                        )
                    )
            ProductMarketEligibility.objects.filter(
                product_id__in=chunk, market__in=[market for market, _requirements in markets]
            ).delete()
            ProductMarketEligibility.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
    return written


def product_eligibility_recompute_on_commit(
    *, product_ids: Iterable[int] | None = None, market_ids: Iterable[int] | None = None
) -> None:
    """Queue a recompute once the current transaction commits (for changes touching many products)."""
    from .tasks import product_eligibility_recompute_task

    product_ids = list(product_ids) if product_ids is not None else None
    market_ids = list(market_ids) if market_ids is not None else None
    transaction.on_commit(lambda: product_eligibility_recompute_task.delay(product_ids, market_ids))


def product_eligibility_refresh_dated() -> int:
    """Recompute products whose certificates or registrations started or ran out since yesterday."""
    from plugins.producer_channels.selectors import product_ids_of_producers

    day = today()
    window = [day - timezone.timedelta(days=2), day]
    product_ids = set(
        ProductCertificate.objects.filter(valid_from__range=window).values_list("product_id", flat=True)
    ) | set(ProductCertificate.objects.filter(valid_until__range=window).values_list("product_id", flat=True))
    producer_ids = set(
        ProducerRegistration.objects.filter(valid_from__range=window).values_list("producer_id", flat=True)
    ) | set(ProducerRegistration.objects.filter(valid_until__range=window).values_list("producer_id", flat=True))
    if producer_ids:
        product_ids |= product_ids_of_producers(producer_ids=producer_ids)
    return product_eligibility_recompute(product_ids=sorted(product_ids)) if product_ids else 0


# Customs papers --------------------------------------------------------------------------------


def customs_declaration_pdf_render(*, order_id: int, producer_id: int | None = None) -> CustomsDeclarationPdf:
    """Render the CN23 of an order abroad (of one producer's parcel when `producer_id` is given)
    to PDF and store it privately, under a new unguessable name."""
    from django.template.loader import render_to_string
    from saleor.order.models import Order
    from weasyprint import HTML

    from .configuration import export_configuration
    from .customs import customs_declaration

    order = Order.objects.get(pk=order_id)
    declaration = customs_declaration(order=order, sender=export_configuration().customs_sender, producer_id=producer_id)
    if declaration is None:
        raise error("order_id", "The order does not ship abroad: it needs no CN23.", ExportMarketsErrorCode.NOT_ABROAD)
    html = render_to_string("otop_export/cn23.html", {"declaration": declaration})
    pdf_bytes = HTML(string=html).write_pdf()
    document, _created = CustomsDeclarationPdf.objects.get_or_create(order=order, producer_id=producer_id)
    if document.pdf:
        document.pdf.delete(save=False)
    document.pdf.save("cn23.pdf", ContentFile(pdf_bytes), save=False)
    document.rendered_at = timezone.now()
    document.save()
    return document


def customs_declaration_pdf_request(*, order_id: int, producer_id: int | None = None) -> CustomsDeclarationPdf:
    """Mark the CN23 PDF as wanted and render it in a worker once the transaction commits."""
    from .tasks import customs_declaration_pdf_render_task

    document, _created = CustomsDeclarationPdf.objects.get_or_create(order_id=order_id, producer_id=producer_id)
    document.save(update_fields=["requested_at"])
    transaction.on_commit(lambda: customs_declaration_pdf_render_task.delay(order_id, producer_id))
    return document
