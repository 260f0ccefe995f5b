from datetime import timedelta

import graphene
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from saleor.plugins.models import PluginConfiguration

from plugins.curation.models import ProductBaselinePrice
from plugins.curation.plugin import CurationPlugin
from tests.factories.curation import otop_product
from tests.graphql_client import mutation_errors

RECORD = """
mutation Record($product: ID!, $amount: Decimal!, $recordedOn: Date!) {
  productBaselinePriceRecord(product: $product, amount: $amount, recordedOn: $recordedOn) {
    baselinePrice { price { amount currency } recordedOn }
    curationErrors { field code message }
  }
}
"""
CURATE = ["otop_curation.manage_otop_curation"]


def variables(product, amount, recorded_on="2022-01-10"):
    return {"product": graphene.Node.to_global_id("Product", product.pk), "amount": amount, "recordedOn": recorded_on}


def test_curator_records_a_baseline_price(staff_api_client):
    product = otop_product()

    data = staff_api_client.data(RECORD, variables(product, 199.99), permissions=CURATE)

    assert data["productBaselinePriceRecord"]["baselinePrice"] == {
        "price": {"amount": 199.99, "currency": "THB"}, "recordedOn": "2022-01-10"
    }


def test_baseline_of_zero_is_refused(staff_api_client):
    product = otop_product()

    data = staff_api_client.data(RECORD, variables(product, 0), permissions=CURATE)

    assert [(e["field"], e["code"]) for e in mutation_errors(data, "productBaselinePriceRecord", "curationErrors")] == [
        ("amount", "INVALID_PRICE")
    ]
    assert not ProductBaselinePrice.objects.exists()


def test_baseline_in_the_future_is_refused(staff_api_client):
    product = otop_product()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    data = staff_api_client.data(RECORD, variables(product, 100, tomorrow), permissions=CURATE)

    assert [e["field"] for e in mutation_errors(data, "productBaselinePriceRecord", "curationErrors")] == ["recordedOn"]


def test_recording_a_baseline_needs_the_permission(staff_api_client):
    staff_api_client.assert_refused(RECORD, variables(otop_product(), 100))


def configuration(**values):
    items = [{"name": item["name"], "value": item["value"]} for item in CurationPlugin.DEFAULT_CONFIGURATION]
    for item in items:
        item["value"] = values.get(item["name"], item["value"])
    return PluginConfiguration(identifier=CurationPlugin.PLUGIN_ID, name="OTOP curation", configuration=items)


def test_default_configuration_is_valid():
    CurationPlugin.validate_plugin_configuration(configuration())


@pytest.mark.parametrize(
    "name, value",
    [("active_shops_target", "many"), ("developed_minimum_stars", "6"), ("value_uplift_target_percent", "-5")],
)
def test_bad_targets_are_refused_by_field(name, value):
    with pytest.raises(ValidationError) as refused:
        CurationPlugin.validate_plugin_configuration(configuration(**{name: value}))

    assert list(refused.value.error_dict) == [name]
    assert refused.value.error_dict[name][0].code == "invalid"


def test_plugin_reads_targets_into_a_typed_configuration():
    plugin = CurationPlugin(configuration=configuration(active_shops_target="900").configuration, active=True)

    assert plugin.config.active_shops_target == 900
    assert plugin.config.developed_per_province_minimum == 2
