import pytest
from django.core.exceptions import ValidationError
from graphene import Node
from saleor.plugins.models import PluginConfiguration

from plugins.provenance.plugin import ProvenancePlugin
from tests.factories import CategoryFactory, ProductFactory, ProductTypeFactory
from tests.factories.provenance import provenance_in

pytestmark = pytest.mark.django_db

MANAGE_PRODUCTS = ["product.manage_products"]
CREATE = """
mutation($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id isPublished } productErrors { field code message } }
}
"""
UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { isPublished } productErrors { field code message } }
}
"""
BULK_PUBLISH = """
mutation($ids: [ID]!, $publish: Boolean!) {
  productBulkPublish(ids: $ids, isPublished: $publish) { count productErrors { field code message } }
}
"""


def product_id(product):
    return Node.to_global_id("Product", product.pk)


def require_provenance(value):
    PluginConfiguration.objects.update_or_create(
        identifier=ProvenancePlugin.PLUGIN_ID,
        defaults={"active": True, "configuration": [{"name": "require_provenance_to_publish", "value": value}]},
    )


def publish(client, product):
    # Saleor asks for the category in the same input whenever isPublished is true.
    variables = {"id": product_id(product), "input": {"isPublished": True, "category": category_id(product)}}
    return client.data(UPDATE, variables, permissions=MANAGE_PRODUCTS)["productUpdate"]


def category_id(product):
    return Node.to_global_id("Category", product.category_id)


def create_input(**fields):
    return {
        "productType": Node.to_global_id("ProductType", ProductTypeFactory().pk),
        "category": Node.to_global_id("Category", CategoryFactory().pk),
        "name": "Praewa silk scarf",
        "basePrice": "1200.00",
        **fields,
    }


def test_new_product_is_not_published_without_provenance(staff_api_client):
    result = staff_api_client.data(CREATE, {"input": create_input(isPublished=True)}, permissions=MANAGE_PRODUCTS)
    errors = result["productCreate"]["productErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("isPublished", "INVALID")]
    assert "Praewa silk scarf" in errors[0]["message"] and "provenance" in errors[0]["message"]
    assert result["productCreate"]["product"] is None


def test_new_unpublished_product_is_created(staff_api_client):
    result = staff_api_client.data(CREATE, {"input": create_input(isPublished=False)}, permissions=MANAGE_PRODUCTS)
    assert result["productCreate"]["productErrors"] == []


def test_product_without_provenance_is_not_published_by_update(staff_api_client):
    product = ProductFactory(is_published=False, name="Dragon jar")
    errors = publish(staff_api_client, product)["productErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("isPublished", "INVALID")]
    assert "Dragon jar" in errors[0]["message"]
    product.refresh_from_db()
    assert not product.is_published


def test_product_with_provenance_is_published_by_update(staff_api_client):
    product = provenance_in("700101", product=ProductFactory(is_published=False)).product
    assert publish(staff_api_client, product)["productErrors"] == []
    product.refresh_from_db()
    assert product.is_published


def test_unpublishing_needs_no_provenance(staff_api_client):
    product = ProductFactory(is_published=True)
    result = staff_api_client.data(UPDATE, {"id": product_id(product), "input": {"isPublished": False}}, permissions=MANAGE_PRODUCTS)
    assert result["productUpdate"]["productErrors"] == []


def test_bulk_publish_publishes_only_products_with_provenance(staff_api_client):
    placed = provenance_in("700101", product=ProductFactory(is_published=False)).product
    unplaced = ProductFactory(is_published=False, name="Unplaced jar")
    variables = {"ids": [product_id(placed), product_id(unplaced)], "publish": True}

    result = staff_api_client.data(BULK_PUBLISH, variables, permissions=MANAGE_PRODUCTS)["productBulkPublish"]

    assert result["count"] == 1
    assert [e["field"] for e in result["productErrors"]] == [product_id(unplaced)]
    assert "Unplaced jar" in result["productErrors"][0]["message"]
    placed.refresh_from_db(), unplaced.refresh_from_db()
    assert (placed.is_published, unplaced.is_published) == (True, False)


def test_bulk_unpublish_needs_no_provenance(staff_api_client):
    product = ProductFactory(is_published=True)
    variables = {"ids": [product_id(product)], "publish": False}
    result = staff_api_client.data(BULK_PUBLISH, variables, permissions=MANAGE_PRODUCTS)["productBulkPublish"]
    assert (result["count"], result["productErrors"]) == (1, [])


def test_rule_switched_off_in_the_plugin_configuration(staff_api_client):
    require_provenance(False)
    product = ProductFactory(is_published=False)
    assert publish(staff_api_client, product)["productErrors"] == []


def test_inactive_plugin_enforces_nothing(staff_api_client):
    PluginConfiguration.objects.create(identifier=ProvenancePlugin.PLUGIN_ID, active=False, configuration=[])
    product = ProductFactory(is_published=False)
    assert publish(staff_api_client, product)["productErrors"] == []


def test_configuration_value_must_be_a_boolean():
    configuration = PluginConfiguration(
        identifier=ProvenancePlugin.PLUGIN_ID, configuration=[{"name": "require_provenance_to_publish", "value": "maybe"}]
    )
    with pytest.raises(ValidationError) as refused:
        ProvenancePlugin.validate_plugin_configuration(configuration)
    assert refused.value.error_dict["require_provenance_to_publish"][0].code == "invalid"


def test_staff_switch_the_rule_off_through_saleor(staff_api_client):
    query = """mutation { pluginUpdate(id: "otop.provenance", input: {
        configuration: [{name: "require_provenance_to_publish", value: "false"}]}) {
        plugin { configuration { name value } } pluginsErrors { field code } } }"""
    result = staff_api_client.data(query, permissions=["plugins.manage_plugins"])["pluginUpdate"]
    assert result["pluginsErrors"] == []
    product = ProductFactory(is_published=False)
    assert publish(staff_api_client, product)["productErrors"] == []
