"""Global ids checked before Saleor's own resolvers see them.

Saleor 2.10 decodes `ID` arguments in several ways and trusts what comes out: an empty id
became `None` and then an AttributeError (`accountAddressDelete(id: "")`), an id that is not
base64 of "Type:pk" a "not enough values to unpack" (`address`, `page`, the checkout
mutations), and a pk that does not fit the type's table a "Field 'id' expected a number"
(`address(id: "QWRkcmVzczp4")`, "Address:x"). Each answered INTERNAL_ERROR.

`GlobalIdMiddleware` (settings.GRAPHENE["MIDDLEWARE"]) checks every ID value of a Saleor field
(arguments and input fields, in lists too) before its resolver runs, decoding it as Saleor
does: a mutation answers in its own typed errors (the field, NOT_FOUND with Saleor's message
"Couldn't resolve to a node: …", or REQUIRED for an empty required id), a query with a GraphQL
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
from graphql.type import GraphQLInputObjectType, GraphQLList, GraphQLNonNull
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


def global_id_problem(value, *, field: str, schema, empty_allowed: bool) -> Optional[BadGlobalId]:
    """What is wrong with one ID value, decoded the way Saleor decodes it; None when nothing is."""
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
    model = getattr(getattr(graphene_type, "_meta", None), "model", None)
    if model is not None:
        try:
            model._meta.pk.to_python(pk)
        except ValidationError:
            return not_found
    return None


def global_id_problems(type_, value, *, field: str, schema, empty_allowed: bool = False) -> Iterator[BadGlobalId]:
    """The problems of the ID values in one argument's value (its input fields and lists too).

    An empty id is refused except in an optional input field, where Saleor's model mutations
    read it as "none" (clearing a relation); an argument of the field itself names what the
    operation acts on, and an empty one reached Saleor's code as None.
    """
    required = isinstance(type_, GraphQLNonNull)
    if required:
        type_ = type_.of_type
    if value is None:
        return
    if isinstance(type_, GraphQLList):
        for item in value:
            yield from global_id_problems(type_.of_type, item, field=field, schema=schema)
    elif isinstance(type_, GraphQLInputObjectType):
        for name, input_field in type_.fields.items():
            key = input_field.out_name or name
            yield from global_id_problems(
                input_field.type, value.get(key), field=key, schema=schema,
                empty_allowed=not isinstance(input_field.type, GraphQLNonNull),
            )
    elif type_.name == "ID":
        problem = global_id_problem(value, field=field, schema=schema, empty_allowed=empty_allowed and not required)
        if problem is not None:
            yield problem


def _holds_ids(type_, seen: set) -> bool:
    while isinstance(type_, (GraphQLNonNull, GraphQLList)):
        type_ = type_.of_type
    if isinstance(type_, GraphQLInputObjectType):
        if type_.name in seen:
            return False
        seen.add(type_.name)
        return any(_holds_ids(input_field.type, seen) for input_field in type_.fields.values())
    return type_.name == "ID"


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
    arguments: dict  # {Python name: GraphQL type} of the arguments holding ID values
    saleor_mutation: bool


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
        arguments = {}
        if saleor_field and (root, info.field_name) not in NOT_GLOBAL_IDS:
            arguments = {
                argument.out_name or name: argument.type
                for name, argument in info.parent_type.fields[info.field_name].args.items()
                if _holds_ids(argument.type, set())
            }
        _field_checks[key] = FieldCheck(arguments=arguments, saleor_mutation=saleor_field and root == "Mutation")
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
            for name, type_ in check.arguments.items()
            for problem in global_id_problems(type_, kwargs.get(name), field=name, schema=info.schema)
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
