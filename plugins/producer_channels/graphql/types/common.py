"""What every audience's types share: ids, money, and fields read straight off the row.

The types are plain graphene ObjectTypes over our models, with field helpers instead of a
resolver per renamed attribute. They are not Saleor's CountableDjangoObjectType: that one
prints model fields first, in model order, and converts choices to enums of its own, so
the published schema would change.
"""
from operator import attrgetter

import graphene
from graphene import relay
from prices import Money as PricesMoney
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.types.money import Money

from ..enums import ProducerErrorCodeEnum


def global_id(type_name: str, pk) -> str:
    return relay.Node.to_global_id(type_name, pk)


def money(amount, currency: str) -> PricesMoney:
    return PricesMoney(amount, currency)


def attribute(path: str):
    """A resolver reading `path` (dotted) off the row: `attribute("producer.slug")`."""
    read = attrgetter(path)
    return lambda root, _info, **_kwargs: read(root)


def global_id_field(type_name: str, *, description: str, attr: str = "pk", required: bool = True):
    """The row's `attr` as a global id of `type_name` (null when `attr` is null)."""
    read = attrgetter(attr)

    def resolve(root, _info):
        value = read(root)
        return global_id(type_name, value) if value is not None else None

    return graphene.ID(required=required, description=description, resolver=resolve)


def money_field(amount_attr: str, *, description: str, required: bool = True):
    """The row's `amount_attr` in the row's `currency`."""

    def resolve(root, _info):
        return money(getattr(root, amount_attr), root.currency)

    return graphene.Field(Money, required=required, description=description, resolver=resolve)


class ProducerError(Error):
    code = ProducerErrorCodeEnum(description="The error code.", required=True)
