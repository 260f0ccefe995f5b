"""Relay connections over querysets for our plain object types, with Saleor's cursor pagination."""
import graphene
from graphene.relay import PageInfo
from graphql.error import GraphQLError
from saleor.graphql.core.connection import (
    CountableConnection,
    connection_from_queryset_slice,
)
from saleor.graphql.core.fields import patch_pagination_args

MAX_PAGE_SIZE = 100


_connections: dict = {}


def countable_connection(node_type) -> type:
    if node_type not in _connections:
        _connections[node_type] = CountableConnection.create_type(
            f"{node_type._meta.name}CountableConnection", node=node_type
        )
    return _connections[node_type]


class QuerysetConnectionField(graphene.ConnectionField):
    """A connection field whose resolver returns a queryset (ordered newest first by pk,
    unless `ordering` says otherwise); pages are cut in SQL, never in Python."""

    def __init__(self, node_type, *args, ordering=("-pk",), **kwargs):
        self.ordering = list(ordering)
        super().__init__(countable_connection(node_type), *args, **kwargs)
        patch_pagination_args(self)

    def get_resolver(self, parent_resolver):
        resolver = super(graphene.ConnectionField, self).get_resolver(parent_resolver)
        connection_type = self.type
        while hasattr(connection_type, "of_type"):
            connection_type = connection_type.of_type
        ordering = self.ordering

        def resolve(root, info, **args):
            queryset = resolver(root, info, **args)
            if queryset is None:
                return None
            return paginate(queryset, args, connection_type, ordering)

        return resolve


def paginate(queryset, args: dict, connection_type, ordering) -> object:
    first, last = args.get("first"), args.get("last")
    if not first and not last:
        raise GraphQLError("You must provide a `first` or `last` value to properly paginate.")
    if (first or last) > MAX_PAGE_SIZE:
        raise GraphQLError(f"Pages hold at most {MAX_PAGE_SIZE} items.")
    descending = ordering[0].startswith("-")
    fields = [field.lstrip("-") for field in ordering]
    queryset = queryset.order_by(*ordering)
    if last:
        queryset = queryset.reverse()
    connection = connection_from_queryset_slice(
        queryset,
        {**args, "sort_by": {"field": fields, "direction": "-" if descending else ""}},
        connection_type=connection_type,
        edge_type=connection_type.Edge,
        pageinfo_type=PageInfo,
    )
    connection.iterable = queryset
    return connection
