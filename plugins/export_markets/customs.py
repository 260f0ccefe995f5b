"""CN23 customs declaration data of an order sent abroad."""
from dataclasses import dataclass
from decimal import Decimal

from saleor.order.models import Order

from .models import ExportProfile
from .selectors import home_country

ORIGIN_COUNTRY = "TH"
GOODS_CATEGORY = "Sale of goods"


@dataclass(frozen=True)
class CustomsLine:
    description: str
    quantity: int
    net_weight_grams: int
    gross_weight_grams: int
    value: Decimal
    currency: str
    hs_code: str
    origin_country: str
    product_id: int | None


@dataclass(frozen=True)
class CustomsDeclaration:
    order: Order
    sender: str
    recipient_lines: list[str]
    destination_country: str
    category: str
    currency: str
    lines: list[CustomsLine]
    postal_charges: Decimal

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_net_weight_grams(self) -> int:
        return sum(line.net_weight_grams for line in self.lines)

    @property
    def total_gross_weight_grams(self) -> int:
        return sum(line.gross_weight_grams for line in self.lines)

    @property
    def total_value(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal(0))


def order_ships_abroad(order: Order) -> bool:
    address = order.shipping_address
    return address is not None and str(address.country) != home_country()


def _recipient_lines(address) -> list[str]:
    lines = [
        f"{address.first_name} {address.last_name}".strip(),
        address.company_name,
        address.street_address_1,
        address.street_address_2,
        " ".join(part for part in (address.postal_code, address.city) if part),
        address.country_area,
        address.country.name,
    ]
    return [line for line in lines if line]


def customs_declaration(*, order: Order, sender: str) -> CustomsDeclaration | None:
    """The CN23 of the order, or None when it stays in Thailand. Three queries."""
    if not order_ships_abroad(order):
        return None
    order_lines = list(order.lines.select_related("variant").order_by("pk"))
    product_ids = {line.variant.product_id for line in order_lines if line.variant_id}
    profiles = {profile.product_id: profile for profile in ExportProfile.objects.filter(product_id__in=product_ids)}
    lines = []
    for line in order_lines:
        product_id = line.variant.product_id if line.variant_id else None
        profile = profiles.get(product_id)
        name = " ".join(part for part in (line.product_name, line.variant_name) if part)
        lines.append(
            CustomsLine(
                description=(profile.customs_description_en if profile and profile.customs_description_en else name),
                quantity=line.quantity,
                net_weight_grams=(profile.net_weight_grams or 0) * line.quantity if profile else 0,
                gross_weight_grams=(profile.gross_weight_grams or 0) * line.quantity if profile else 0,
                value=line.unit_price_gross_amount * line.quantity,
                currency=line.currency,
                hs_code=profile.hs_code if profile else "",
                origin_country=ORIGIN_COUNTRY,
                product_id=product_id,
            )
        )
    return CustomsDeclaration(
        order=order,
        sender=sender,
        recipient_lines=_recipient_lines(order.shipping_address),
        destination_country=str(order.shipping_address.country),
        category=GOODS_CATEGORY,
        currency=order.currency,
        lines=lines,
        postal_charges=order.shipping_price_gross_amount,
    )
