"""Global ids checked before Saleor's own resolvers see them.

Saleor 2.10 decodes `ID` arguments in several ways and trusts what comes out: an empty id
became `None` and then an AttributeError (`accountAddressDelete(id: "")`), an id that is not
base64 of "Type:pk" a "not enough values to unpack" (`address`, `page`, the checkout
mutations), and a pk that does not fit the type's table a "Field 'id' expected a number"
(`address(id: "QWRkcmVzczp4")`, "Address:x"), and an id of another type whose pk happens to
fit (`address(id: <a Checkout's id>)`, a UUID where a number is expected) the same. Each
answered INTERNAL_ERROR.

`GlobalIdMiddleware` (settings.GRAPHENE["MIDDLEWARE"]) checks every ID value of a Saleor field
(arguments and input fields, in lists too) before its resolver runs, decoding it as Saleor
does and against the type the argument expects (`expected_types`): a mutation answers in its
own typed errors (the field, NOT_FOUND with Saleor's message "Couldn't resolve to a node: …",
or REQUIRED for an empty required id), a query with a GraphQL
error naming the argument; nothing runs, so nothing is written. A Saleor mutation that still
meets a missing object (an ObjectDoesNotExist escaping it, as `orderUpdateMeta` with an unknown
token) answers NOT_FOUND in the same way.

The OTOP plugins' fields check their own ids (their NOT_FOUND answers one missing and one not
yours alike) and are left alone, as are the ids that are not global ids (Saleor's plugin ids).
"""
import binascii
import functools
import logging
from dataclasses import dataclass
from typing import Iterator, Optional

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from graphene.utils.str_converters import to_camel_case
from graphql.error import GraphQLError
from graphql.type import GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLUnionType
from graphql_relay import from_global_id
from promise import Promise

logger = logging.getLogger("saleor_otop.graphql")

# (parent type, field) whose ID arguments are not global ids: Saleor's plugins are named by their PLUGIN_ID.
NOT_GLOBAL_IDS = {("Query", "plugin"), ("Mutation", "pluginUpdate")}
# Error codes to answer in, in order of preference, among those of the mutation's error enum.
FALLBACK_CODES = ("graphql_error", "invalid")


class InvalidGlobalId(GraphQLError):
    """A query argument that is not one of this API's global ids."""


@dataclass(frozen=True)
class BadGlobalId:
    field: str  # the Python name of the argument or input field
    code: str  # "not_found" or "required"
    message: str


def global_id_problem(
    value, *, field: str, schema, empty_allowed: bool, expected: Optional[frozenset] = None
) -> Optional[BadGlobalId]:
    """What is wrong with one ID value, decoded the way Saleor decodes it; None when nothing is.

    `expected` names the types the argument takes (None: any); an id of another type is refused
    unless its type stands for the same model (ServiceAccount and App).
    """
    if value is None or (value == "" and empty_allowed):
        return None
    if value == "":
        return BadGlobalId(field, "required", "This field cannot be empty.")
    not_found = BadGlobalId(field, "not_found", f"Couldn't resolve to a node: {value}")
    try:
        type_name, pk = from_global_id(value)
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        return not_found
    graphene_type = getattr(schema.get_type(type_name), "graphene_type", None)
    if graphene_type is None or not pk:
        return not_found
    model = _model(graphene_type)
    if expected is not None and type_name not in expected:
        if model is None or all(_model(_graphene_type(schema, name)) is not model for name in expected):
            return not_found
    if model is not None:
        try:
            model._meta.pk.to_python(pk)
        except ValidationError:
            return not_found
    return None


def _graphene_type(schema, name: str):
    return getattr(schema.get_type(name), "graphene_type", None)


def _model(graphene_type):
    return getattr(getattr(graphene_type, "_meta", None), "model", None)


def global_id_problems(
    type_, value, *, field: str, schema, empty_allowed: bool = False, expected=None, path: tuple = ()
) -> Iterator[BadGlobalId]:
    """The problems of the ID values in one argument's value (its input fields and lists too).

    An empty id is refused except in an optional input field, where Saleor's model mutations
    read it as "none" (clearing a relation); an argument of the field itself names what the
    operation acts on, and an empty one reached Saleor's code as None. `expected` maps the
    path of GraphQL names to an ID to the types it takes (`expected_types`).
    """
    expected = expected or {}
    required = isinstance(type_, GraphQLNonNull)
    if required:
        type_ = type_.of_type
    if value is None:
        return
    if isinstance(type_, GraphQLList):
        for item in value:
            yield from global_id_problems(
                type_.of_type, item, field=field, schema=schema, expected=expected, path=path
            )
    elif isinstance(type_, GraphQLInputObjectType):
        for name, input_field in type_.fields.items():
            key = input_field.out_name or name
            yield from global_id_problems(
                input_field.type, value.get(key), field=key, schema=schema,
                empty_allowed=not isinstance(input_field.type, GraphQLNonNull),
                expected=expected, path=(*path, name),
            )
    elif type_.name == "ID":
        problem = global_id_problem(
            value, field=field, schema=schema, empty_allowed=empty_allowed and not required,
            expected=expected.get(path),
        )
        if problem is not None:
            yield problem


def id_paths(type_, path: tuple = (), seen: frozenset = frozenset()) -> Iterator[tuple]:
    """The paths of GraphQL names from an argument to each ID it holds."""
    while isinstance(type_, (GraphQLNonNull, GraphQLList)):
        type_ = type_.of_type
    if isinstance(type_, GraphQLInputObjectType):
        if type_.name not in seen:
            for name, input_field in type_.fields.items():
                yield from id_paths(input_field.type, (*path, name), seen | {type_.name})
    elif type_.name == "ID":
        yield path


# Ids named after something other than their type, by the last name of their path; and those
# whose type depends on the field they belong to, by (field, path).
TYPE_BY_NAME = {
    "customer": "User", "content": "DigitalContent", "image": "ProductImage", "images": "ProductImage",
    "values": "AttributeValue", "item": "MenuItem", "variant": "ProductVariant",
    "productAttributes": "Attribute", "variantAttributes": "Attribute",
}
TYPE_BY_FIELD_AND_PATH = {
    ("categoryCreate", ("parent",)): "Category",
    ("menuItemCreate", ("input", "parent")): "MenuItem",
    ("menuItemMove", ("moves", "parentId")): "MenuItem",
    ("checkoutLineDelete", ("lineId",)): "CheckoutLine",
    ("shippingPriceDelete", ("id",)): "ShippingMethod",
    ("accountSetDefaultAddress", ("id",)): "Address",
    ("productImageDelete", ("id",)): "ProductImage",
    ("productImageUpdate", ("id",)): "ProductImage",
    ("draftOrderLinesCreate", ("id",)): "Order",
    ("draftOrderLineDelete", ("id",)): "OrderLine",
    ("orderFulfillmentCancel", ("id",)): "Fulfillment",
    ("orderFulfillmentUpdateTracking", ("id",)): "Fulfillment",
    ("attributeAssign", ("operations", "id")): "Attribute",
    ("attributeReorderValues", ("moves", "id")): "AttributeValue",
    ("productTypeReorderAttributes", ("moves", "id")): "Attribute",
    ("productCreate", ("input", "attributes", "id")): "Attribute",
    ("productUpdate", ("input", "attributes", "id")): "Attribute",
    ("productVariantCreate", ("input", "attributes", "id")): "Attribute",
    ("productVariantUpdate", ("input", "attributes", "id")): "Attribute",
    ("productVariantBulkCreate", ("variants", "attributes", "id")): "Attribute",
}
# Fields whose ids may be of any type, and those that take any type with an interface.
ANY_TYPE = {("Query", "node")}
INTERFACE_BY_FIELD = {
    name: "ObjectWithMetadata"
    for name in ("updateMetadata", "deleteMetadata", "updatePrivateMetadata", "deletePrivateMetadata")
}


def _unwrapped(type_):
    while isinstance(type_, (GraphQLNonNull, GraphQLList)):
        type_ = type_.of_type
    return type_


def _node_types(schema, type_) -> frozenset:
    """The object types a field's output names: itself, a connection's nodes, a union's members."""
    type_ = _unwrapped(type_)
    edges = getattr(type_, "fields", {}).get("edges") if type_.name.endswith("Connection") else None
    if edges is not None:
        return _node_types(schema, _unwrapped(edges.type).fields["node"].type)
    if isinstance(type_, GraphQLUnionType):
        return frozenset(member.name for member in type_.types)
    return frozenset({type_.name})


def _named_type(schema, name: str) -> Optional[str]:
    """The node type an id's name stands for: `checkoutId` Checkout, `addWarehouses` Warehouse."""
    if name in TYPE_BY_NAME:
        return TYPE_BY_NAME[name]
    for suffix in ("Ids", "Id"):
        name = name.removesuffix(suffix)
    for prefix in ("add", "remove", "in"):
        if name.startswith(prefix) and name[len(prefix):][:1].isupper():
            name = name[len(prefix)].lower() + name[len(prefix) + 1:]
    name = TYPE_BY_NAME.get(name, name)
    singular = name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")
    for candidate in (name, singular):
        candidate = candidate[:1].upper() + candidate[1:]
        if _graphene_type(schema, candidate) is not None:
            return candidate
    return None


def _mutation_types(schema, payload_type) -> Optional[frozenset]:
    """What a Saleor mutation's own `id`/`ids` name: its model's type, else the one node it answers."""
    payload = getattr(payload_type, "graphene_type", None)
    model = getattr(getattr(payload, "_meta", None), "model", None)
    if model is not None:
        named = [
            type_name
            for type_name, graphql_type in schema.get_type_map().items()
            if _model(getattr(graphql_type, "graphene_type", None)) is model
            and graphql_type.graphene_type.__module__.startswith("saleor.")
        ]
        if named:  # ids of the other types of the model pass too (global_id_problem)
            return frozenset({model.__name__ if model.__name__ in named else named[0]})
    answered = {
        name
        for field_name, field in payload_type.fields.items()
        if field_name != "errors" and not field_name.endswith("Errors")
        for name in _node_types(schema, field.type)
        if "Node" in {interface.name for interface in getattr(schema.get_type(name), "interfaces", ())}
    }
    return frozenset(answered) if len(answered) == 1 else None


def expected_types(schema, root: str, field_name: str, path: tuple) -> Optional[frozenset]:
    """The types an ID at `path` of a Saleor root field takes; None when any (or unknown)."""
    if (root, field_name) in ANY_TYPE:
        return None
    if field_name in INTERFACE_BY_FIELD:
        interface = INTERFACE_BY_FIELD[field_name]
        return frozenset(
            name
            for name, graphql_type in schema.get_type_map().items()
            if interface in {item.name for item in getattr(graphql_type, "interfaces", None) or ()}
        )
    if (field_name, path) in TYPE_BY_FIELD_AND_PATH:
        return frozenset({TYPE_BY_FIELD_AND_PATH[(field_name, path)]})
    field = (schema.get_query_type() if root == "Query" else schema.get_mutation_type()).fields[field_name]
    if path[-1] in ("id", "ids") and (root == "Query" or len(path) == 1):
        return _node_types(schema, field.type) if root == "Query" else _mutation_types(schema, field.type)
    named = _named_type(schema, path[-1])
    return frozenset({named}) if named else None


@functools.cache
def _saleor_root_fields() -> frozenset:
    from saleor.graphql.api import Mutation, Query

    return frozenset(
        (root, to_camel_case(name))
        for root, graphene_type in (("Query", Query), ("Mutation", Mutation))
        for name in graphene_type._meta.fields
    )


@dataclass(frozen=True)
class FieldCheck:
    arguments: dict  # {Python name: (GraphQL name, GraphQL type)} of the arguments holding ID values
    saleor_mutation: bool
    expected: dict  # {path of GraphQL names: the types the ID there takes}


_field_checks: dict = {}


def _field_check(info) -> FieldCheck:
    """What to check of a field, worked out once per field: nothing for fields that are not Saleor's."""
    key = (info.parent_type.name, info.field_name)
    if key not in _field_checks:
        schema = info.schema
        root = {schema.get_query_type(): "Query", schema.get_mutation_type(): "Mutation"}.get(info.parent_type)
        if root is not None:
            saleor_field = (root, info.field_name) in _saleor_root_fields()
        else:
            module = getattr(getattr(info.parent_type, "graphene_type", None), "__module__", "")
            saleor_field = module.startswith("saleor.")
        arguments, expected = {}, {}
        if saleor_field and (root, info.field_name) not in NOT_GLOBAL_IDS:
            for name, argument in info.parent_type.fields[info.field_name].args.items():
                paths = list(id_paths(argument.type, (name,)))
                if paths:
                    arguments[argument.out_name or name] = (name, argument.type)
                for path in paths if root is not None else ():
                    expected[path] = expected_types(schema, root, info.field_name, path)
        _field_checks[key] = FieldCheck(
            arguments=arguments, saleor_mutation=saleor_field and root == "Mutation", expected=expected
        )
    return _field_checks[key]


def _mutation_payload(info):
    from saleor.graphql.core.mutations import BaseMutation

    payload = getattr(info.return_type, "graphene_type", None)
    return payload if isinstance(payload, type) and issubclass(payload, BaseMutation) else None


def _error_code(payload, wanted: str) -> Optional[str]:
    """`wanted`, or the closest code the mutation's error enum has; None when it has none of them."""
    error_class = getattr(payload._meta, "error_type_class", None)
    code_field = error_class._meta.fields.get("code") if error_class is not None else None
    if code_field is None:
        return wanted  # errors without a code
    code_type = code_field.type
    while hasattr(code_type, "of_type"):
        code_type = code_type.of_type
    codes = {member.value for member in code_type._meta.enum}
    return next((code for code in (wanted, *FALLBACK_CODES) if code in codes), None)


def _query_error(problem: BadGlobalId) -> InvalidGlobalId:
    return InvalidGlobalId(f"{problem.message} (argument {to_camel_case(problem.field)})")


def _mutation_answer(payload, problems: list):
    errors = {}
    for problem in problems:
        code = _error_code(payload, problem.code)
        if code is None:
            raise _query_error(problem)
        errors.setdefault(problem.field, []).append(ValidationError(problem.message, code=code))
    return payload.handle_errors(ValidationError(errors))


def _missing_object_answer(payload, error):
    if not isinstance(error, ObjectDoesNotExist):
        raise error
    logger.info("A mutation met a missing object: %s", error)
    return _mutation_answer(payload, [BadGlobalId(NON_FIELD_ERRORS, "not_found", "Couldn't resolve to a node.")])


class GlobalIdMiddleware:
    """Graphene middleware (settings.GRAPHENE["MIDDLEWARE"])."""

    # Nested fields take id arguments too: saleor_otop/graphql/execution.py runs this one on them.
    checks_nested_fields = True

    def resolve(self, next_, root, info, **kwargs):
        check = _field_check(info)
        if not check.arguments and not check.saleor_mutation:
            return next_(root, info, **kwargs)
        payload = _mutation_payload(info) if check.saleor_mutation else None
        if payload is not None and not payload.check_permissions(info.context):
            # Who may not call the mutation hears that first, whatever ids it sent (Saleor refuses it).
            return next_(root, info, **kwargs)
        problems = [
            problem
            for name, (graphql_name, type_) in check.arguments.items()
            for problem in global_id_problems(
                type_, kwargs.get(name), field=name, schema=info.schema, expected=check.expected, path=(graphql_name,)
            )
        ]
        if problems:
            if payload is None:
                raise _query_error(problems[0])
            return _mutation_answer(payload, problems)
        if payload is None:
            return next_(root, info, **kwargs)
        try:
            result = next_(root, info, **kwargs)
        except ObjectDoesNotExist as error:
            return _missing_object_answer(payload, error)
        return Promise.resolve(result).catch(functools.partial(_missing_object_answer, payload))
