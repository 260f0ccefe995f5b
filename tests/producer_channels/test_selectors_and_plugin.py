"""The selectors other plugins code against (CONTRACTS.md) and the plugin configuration."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from saleor.plugins.models import PluginConfiguration

from plugins.producer_channels import access, selectors, services
from plugins.producer_channels.models import ProducerStatus
from plugins.producer_channels.plugin import ProducerChannelsPlugin
from tests.factories import ProductFactory, UserFactory
from tests.factories.producer_channels import (
    MemberFactory,
    OfficerAssignmentFactory,
    producer_product,
    producer_with_owner,
)


def test_producer_of_product(db):
    producer, _ = producer_with_owner()
    product, _ = producer_product(producer)

    assert selectors.producer_of_product(product_id=product.pk) == producer
    assert selectors.producer_of_product(product_id=ProductFactory().pk) is None


def test_producers_by_product_ids_takes_one_query(db, django_assert_num_queries):
    first, _ = producer_with_owner()
    second, _ = producer_with_owner()
    products = [producer_product(first)[0], producer_product(second)[0], ProductFactory()]

    with django_assert_num_queries(1):
        found = selectors.producers_by_product_ids(product_ids=[product.pk for product in products])

    assert found == {products[0].pk: first, products[1].pk: second}


def test_member_and_officer_producer_ids(db):
    producer, owner = producer_with_owner()
    officer = OfficerAssignmentFactory(producer=producer).officer
    stranger = UserFactory()

    assert access.producer_ids(user=owner) == {producer.pk}
    assert access.producer_ids(user=officer) == {producer.pk}
    assert access.producer_ids(user=stranger) == set()
    assert access.producer_ids(user=AnonymousUser()) == set()


def test_suspended_producer_is_readable_not_writable(db):
    producer, owner = producer_with_owner()
    product, _ = producer_product(producer)
    services.producer_suspend(producer=producer)

    assert access.producer_ids(user=owner, write=True) == set()
    assert access.can_read_product(user=owner, product_id=product.pk)
    assert not access.can_write_product(user=owner, product_id=product.pk)


def test_member_manages_own_products_only(db):
    producer, owner = producer_with_owner()
    other, _ = producer_with_owner()
    own, _ = producer_product(producer)
    foreign, _ = producer_product(other)

    assert access.can_write_product(user=owner, product_id=own.pk)
    assert not access.can_write_product(user=owner, product_id=foreign.pk)
    assert not access.can_read_product(user=owner, product_id=foreign.pk)


def test_product_ids_of_producer(db):
    producer, _ = producer_with_owner()
    product, _ = producer_product(producer)

    assert list(selectors.product_ids_of_producer(producer_id=producer.pk)) == [product.pk]


def test_staff_member_does_not_manage_people(db):
    producer, owner = producer_with_owner()
    staff = MemberFactory(producer=producer, role="staff").user
    officer = OfficerAssignmentFactory(producer=producer).officer

    assert access.may_manage_people(user=owner, producer_id=producer.pk)
    assert access.may_manage_people(user=officer, producer_id=producer.pk)
    assert not access.may_manage_people(user=staff, producer_id=producer.pk)


def test_last_owner_cannot_be_removed(db):
    producer, owner = producer_with_owner()

    with pytest.raises(ValidationError) as error:
        services.producer_member_remove(member=producer.members.get(user=owner))

    assert error.value.error_dict["id"][0].code == "last_owner"
    assert producer.members.count() == 1


def test_configuration_is_read_from_saleor_plugin_settings(db):
    PluginConfiguration.objects.create(
        identifier=ProducerChannelsPlugin.PLUGIN_ID,
        active=True,
        configuration=[{"name": "default_commission_rate", "value": "12.5"}, {"name": "payout_hold_days", "value": "3"}],
    )

    configuration = selectors.producer_channels_configuration()

    assert (str(configuration.default_commission_rate), configuration.payout_hold_days) == ("12.5", 3)


@pytest.mark.parametrize(
    ("name", "value"),
    [("default_commission_rate", "101"), ("default_commission_rate", "ten"), ("payout_hold_days", "-1"),
     ("minimum_payout_amount", "1.001"), ("withholding_tax_percent", "200")],
)
def test_invalid_configuration_is_refused_by_field(db, name, value):
    stored = PluginConfiguration(identifier=ProducerChannelsPlugin.PLUGIN_ID, configuration=[{"name": name, "value": value}])

    with pytest.raises(ValidationError) as error:
        ProducerChannelsPlugin.validate_plugin_configuration(stored)

    assert list(error.value.error_dict) == [name]
    assert error.value.error_dict[name][0].code == "invalid"


def test_inactive_plugin_does_not_split_orders(db):
    from plugins.producer_channels.models import SubOrder
    from tests.factories.producer_channels import placed_order

    PluginConfiguration.objects.create(identifier=ProducerChannelsPlugin.PLUGIN_ID, active=False, configuration=[])
    producer, _ = producer_with_owner()
    _, variant = producer_product(producer)

    placed_order([(variant, 1)])

    assert not SubOrder.objects.exists()
    assert producer.status == ProducerStatus.APPROVED
