"""Producer inputs longer or larger than their columns: a typed error, nothing written."""
import pytest
from django.core.exceptions import ValidationError

from plugins.producer_channels import services
from tests.factories.producer_channels import approved_producer, producer_product

pytestmark = pytest.mark.django_db


def field_codes(error: ValidationError) -> list:
    return [(field, item.code) for field, items in error.error_dict.items() for item in items]


def test_product_name_longer_than_its_column():
    product, _variant = producer_product(approved_producer())
    with pytest.raises(ValidationError) as raised:
        services.producer_product_update(product=product, name="x" * 1000)
    assert field_codes(raised.value) == [("name", "too_long")]
    product.refresh_from_db()
    assert product.name != "x" * 1000


def test_stock_quantity_beyond_its_column():
    _product, variant = producer_product(approved_producer())
    with pytest.raises(ValidationError) as raised:
        services.producer_stock_set(variant=variant, quantity=2**31)
    assert field_codes(raised.value) == [("quantity", "out_of_range")]


def test_price_wider_than_its_column_names_the_input():
    with pytest.raises(ValidationError) as raised:
        services.clean_price("1" + "0" * 20, field="base_price")
    assert field_codes(raised.value) == [("base_price", "out_of_range")]


def test_suspension_reason_longer_than_text_columns_take():
    producer = approved_producer()
    with pytest.raises(ValidationError) as raised:
        services.producer_suspend(producer=producer, reason="x" * 1_000_000)
    assert field_codes(raised.value) == [("suspension_reason", "too_long")]
