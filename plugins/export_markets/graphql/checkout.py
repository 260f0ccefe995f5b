"""The shopper's early answer on a checkout abroad, and the export detail on Saleor's CheckoutError."""
from types import SimpleNamespace

import graphene
from django_countries.fields import Country
from prices import Money
from saleor.checkout import calculations
from saleor.checkout.models import Checkout
from saleor.core.permissions import CheckoutPermissions
from saleor.graphql.core.types.common import CheckoutError

from ..checkout import checkout_export_check_cached
from ..configuration import export_configuration
from ..selectors import BASE_CURRENCY
from .enums import ExportMarketsErrorCodeEnum
from .types import ExportMarketsError, country_display


def install_checkout_error_fields() -> None:
    """checkoutComplete refuses export problems with Saleor's CheckoutError; these fields say which.

    Saleor copies a ValidationError's params onto the error type's fields of the same name.
    """
    fields = CheckoutError._meta.fields
    fields.setdefault(
        "export_code",
        graphene.Field(ExportMarketsErrorCodeEnum, description="Export rule the checkout breaks, if any."),
    )
    fields.setdefault(
        "variant_id",
        graphene.Field(graphene.ID, description="Product variant of the checkout line the error is about."),
    )


def resolve_checkout_export_check(info, token):
    checkout = Checkout.objects.filter(token=token).select_related("shipping_address").first()
    if checkout is None:
        return None
    user = info.context.user
    # Saleor's own `checkout(token)` rule: a customer's checkout is theirs, or checkout staff's.
    if checkout.user_id and checkout.user_id != user.pk and not user.has_perm(CheckoutPermissions.MANAGE_CHECKOUTS):
        return None
    lines = list(checkout.lines.all())
    discounts = info.context.discounts
    check = checkout_export_check_cached(checkout=checkout, lines=lines, discounts=discounts)
    total = calculations.checkout_total(checkout=checkout, lines=lines, discounts=discounts).gross
    return SimpleNamespace(
        country=country_display(Country(check.country)) if check.country else None,
        abroad=check.abroad,
        ok=check.ok,
        market=check.market,
        lines=check.lines,
        parcels=check.parcels,
        errors=[
            ExportMarketsError(field=problem.field, message=problem.message, code=problem.code.value)
            for problem in check.problems
        ],
        shipping_service=check.service,
        duty=Money(check.duty, BASE_CURRENCY),
        tax=Money(check.tax, BASE_CURRENCY),
        duties_collected_at_checkout=check.duties_collected,
        charge_currency=export_configuration(plugins=getattr(info.context, "plugins", None)).charge_currency,
        total=total,
        display_currency=check.display_currency,
        display_total=check.to_display(total.amount),
        display_duty_and_tax=check.to_display(check.duty + check.tax),
    )


