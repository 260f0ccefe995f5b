"""Limits on the size and cost of a GraphQL request, checked before it runs.

graphql-core 2 parses and validates recursively and executes without a
budget: a deep or wide query, a batch of many operations or deeply nested
variables used to hang a worker or end in a RecursionError. Each check below
runs in time bounded by its own limit (a scan stops at the first token over
it), so a refusal is quick whatever the size of the request.

The limits come from settings (README, "API limits"); every query of the
test suite and the storefront stays within them.
"""
from dataclasses import dataclass
from typing import Any, Dict, Iterator, Optional

from django.conf import settings
from graphql.error import GraphQLError, GraphQLSyntaxError
from graphql.language import ast
from graphql.language.lexer import Lexer, TokenKind
from graphql.language.source import Source
from graphql.type import (
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    get_named_type,
)

OPENING = {TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L}
CLOSING = {TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R}
INTROSPECTION_FIELDS = {"__schema", "__type"}
# Arguments that page a connection; without one, graphene-django serves up to
# RELAY_CONNECTION_MAX_LIMIT items, which is what such a field is counted at.
PAGE_ARGUMENTS = ("first", "last")
# Input fields whose text is matched against the catalogue (Saleor's filters).
SEARCH_FIELDS = {"search"}


class QueryLimitExceeded(GraphQLError):
    """A request over one of the limits; its message names the limit and its value."""


@dataclass(frozen=True)
class QueryLimits:
    max_body_bytes: int
    max_query_length: int
    max_batch: int
    max_json_depth: int
    max_tokens: int
    max_nesting: int
    max_depth: int
    max_aliases: int
    max_cost: int
    max_search_length: int
    introspection: bool

    @classmethod
    def from_settings(cls) -> "QueryLimits":
        return cls(
            max_body_bytes=settings.GRAPHQL_MAX_BODY_BYTES,
            max_query_length=settings.GRAPHQL_MAX_QUERY_LENGTH,
            max_batch=settings.GRAPHQL_MAX_BATCH,
            max_json_depth=settings.GRAPHQL_MAX_JSON_DEPTH,
            max_tokens=settings.GRAPHQL_MAX_TOKENS,
            max_nesting=settings.GRAPHQL_MAX_NESTING,
            max_depth=settings.GRAPHQL_MAX_DEPTH,
            max_aliases=settings.GRAPHQL_MAX_ALIASES,
            max_cost=settings.GRAPHQL_MAX_COST,
            max_search_length=settings.GRAPHQL_MAX_SEARCH_LENGTH,
            introspection=settings.GRAPHQL_INTROSPECTION,
        )


def check_json_value(value: Any, *, limits: QueryLimits, what: str) -> None:
    """Refuse JSON nested deeper than the limit, and text with NUL characters.

    Walks with its own stack: a value nested 100,000 deep is refused at the
    first level over the limit, with no recursion.
    """
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise QueryLimitExceeded(f"{what} must not contain NUL characters.")
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > limits.max_json_depth:
            raise QueryLimitExceeded(f"{what} are nested deeper than {limits.max_json_depth} levels.")
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
        if isinstance(item, dict):
            stack.extend((key, depth + 1) for key in item)


def check_query_text(query: str, *, limits: QueryLimits) -> None:
    """Count tokens and bracket nesting before the (recursive) parser sees the text."""
    if len(query) > limits.max_query_length:
        raise QueryLimitExceeded(f"The query is longer than {limits.max_query_length} characters.")
    if "\x00" in query:
        raise QueryLimitExceeded("The query must not contain NUL characters.")
    lexer = Lexer(Source(query))
    nesting = 0
    for _token_number in range(limits.max_tokens + 1):
        try:
            token = lexer.next_token()
        except GraphQLSyntaxError:
            return  # the parser reports it, with its position
        if token.kind == TokenKind.EOF:
            return
        if token.kind == TokenKind.STRING and "\x00" in token.value:
            raise QueryLimitExceeded("The query must not contain NUL characters.")
        if token.kind in OPENING:
            nesting += 1
            if nesting > limits.max_nesting:
                raise QueryLimitExceeded(f"The query is nested deeper than {limits.max_nesting} brackets.")
        elif token.kind in CLOSING:
            nesting -= 1
    raise QueryLimitExceeded(f"The query has more than {limits.max_tokens} tokens.")


class _Measure:
    """Depth, aliases and cost of one operation, fragments counted where spread.

    A fragment's figures do not depend on where it is spread, so each is
    computed once; the walk stops as soon as the depth passes the limit,
    which also bounds its recursion.
    """

    def __init__(self, schema, document: ast.Document, variables: Dict[str, Any], limits: QueryLimits):
        self.schema = schema
        self.limits = limits
        self.variables = variables
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, ast.FragmentDefinition)
        }
        self.fragment_figures: Dict[str, tuple] = {}
        self.fragments_in_progress: set = set()
        self.aliases = 0

    def operation(self, operation: ast.OperationDefinition) -> tuple:
        root = {
            "query": self.schema.get_query_type(),
            "mutation": self.schema.get_mutation_type(),
            "subscription": self.schema.get_subscription_type(),
        }.get(operation.operation)
        return self.selection_set(operation.selection_set, root, depth=0, nesting=0)

    def selection_set(self, selection_set: Optional[ast.SelectionSet], parent_type, *, depth: int, nesting: int):
        """(depth below, cost) of a selection set reached at `depth`."""
        if selection_set is None:
            return 0, 0
        if nesting > self.limits.max_nesting:
            raise QueryLimitExceeded(f"The query nests fragments deeper than {self.limits.max_nesting} levels.")
        deepest, cost = 0, 0
        for selection in selection_set.selections:
            if isinstance(selection, ast.Field):
                below, field_cost = self.field(selection, parent_type, depth=depth, nesting=nesting)
            elif isinstance(selection, ast.InlineFragment):
                fragment_type = self._type_condition(selection.type_condition, parent_type)
                below, field_cost = self.selection_set(
                    selection.selection_set, fragment_type, depth=depth, nesting=nesting + 1
                )
            else:
                below, field_cost = self.fragment_spread(selection.name.value, depth=depth, nesting=nesting)
            deepest, cost = max(deepest, below), cost + field_cost
        return deepest, cost

    def field(self, field: ast.Field, parent_type, *, depth: int, nesting: int):
        name = field.name.value
        if name in INTROSPECTION_FIELDS:
            if not self.limits.introspection:
                raise QueryLimitExceeded("Introspection is disabled on this server.")
            # The schema's size bounds the answer, whatever the depth (the usual introspection
            # query nests type references 8 levels below `__schema { types { fields` ).
            return 0, 1
        if field.alias is not None:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise QueryLimitExceeded(f"The query has more than {self.limits.max_aliases} aliases.")
        if field.selection_set is None:
            return 0, 1
        if depth + 1 > self.limits.max_depth:
            raise QueryLimitExceeded(f"The query is deeper than {self.limits.max_depth} levels.")
        definition = self._field_definition(parent_type, name)
        child_type = get_named_type(definition.type) if definition is not None else None
        below, child_cost = self.selection_set(field.selection_set, child_type, depth=depth + 1, nesting=nesting + 1)
        return below + 1, 1 + self._multiplier(field, definition) * child_cost

    def fragment_spread(self, name: str, *, depth: int, nesting: int):
        fragment = self.fragments.get(name)
        if fragment is None:
            return 0, 0  # validation reports the unknown fragment
        if name not in self.fragment_figures:
            if name in self.fragments_in_progress:
                # graphql-core 2's validation recurses without end on a cycle
                raise QueryLimitExceeded(f'Cannot spread fragment "{name}" within itself.')
            self.fragments_in_progress.add(name)
            fragment_type = self._type_condition(fragment.type_condition, None)
            self.fragment_figures[name] = self.selection_set(
                fragment.selection_set, fragment_type, depth=depth, nesting=nesting + 1
            )
            self.fragments_in_progress.discard(name)
        below, cost = self.fragment_figures[name]
        if depth + below > self.limits.max_depth:
            raise QueryLimitExceeded(f"The query is deeper than {self.limits.max_depth} levels.")
        return below, cost

    def _multiplier(self, field: ast.Field, definition) -> int:
        if definition is None:
            return 1
        for argument in field.arguments or ():
            if argument.name.value in PAGE_ARGUMENTS:
                value = self._argument_value(argument.value)
                if isinstance(value, int) and value > 0:
                    return value
        if any(name in definition.args for name in PAGE_ARGUMENTS):
            return settings.GRAPHENE.get("RELAY_CONNECTION_MAX_LIMIT") or 100
        return 1

    def _argument_value(self, value: ast.Value):
        if isinstance(value, ast.IntValue):
            return int(value.value)
        if isinstance(value, ast.Variable):
            variable = self.variables.get(value.name.value)
            return variable if isinstance(variable, int) else None
        return None

    def _field_definition(self, parent_type, name: str):
        if isinstance(parent_type, (GraphQLObjectType, GraphQLInterfaceType)):
            return parent_type.fields.get(name)
        return None

    def _type_condition(self, condition: Optional[ast.NamedType], parent_type):
        if condition is None:
            return parent_type
        return self.schema.get_type(condition.name.value)


def check_document(schema, document: ast.Document, variables: Optional[Dict[str, Any]], *, limits: QueryLimits):
    """Refuse an operation over the depth, alias, cost or search-length limit, or introspecting when off."""
    variables = variables or {}
    measure = _Measure(schema, document, variables, limits)
    for definition in document.definitions:
        if isinstance(definition, ast.OperationDefinition):
            _depth, cost = measure.operation(definition)
            if cost > limits.max_cost:
                raise QueryLimitExceeded(
                    f"The query costs {cost}, over the limit of {limits.max_cost}: ask for fewer items "
                    "(first/last) or fewer fields."
                )
            _check_search_variables(schema, definition, variables, limits=limits)
    for name in measure.fragments:
        measure.fragment_spread(name, depth=0, nesting=0)  # fragments no operation spreads, for cycles
    for node in _arguments_and_object_fields(document):
        if node.name.value in SEARCH_FIELDS:
            _check_search_text(_text_of(node.value, variables), limits=limits)


def _arguments_and_object_fields(document: ast.Document) -> Iterator[ast.Node]:
    """Every argument and object field written in the document, walked with a stack."""
    stack = list(document.definitions)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Argument, ast.ObjectField)):
            yield node
        for slot in getattr(node, "__slots__", ()):
            if slot == "loc":
                continue
            child = getattr(node, slot, None)
            if isinstance(child, list):
                stack.extend(item for item in child if isinstance(item, ast.Node))
            elif isinstance(child, ast.Node):
                stack.append(child)


def _text_of(value: ast.Value, variables: dict) -> Optional[str]:
    if isinstance(value, ast.Variable):
        text = variables.get(value.name.value)
        return text if isinstance(text, str) else None
    return value.value if isinstance(value, ast.StringValue) else None


def _check_search_variables(schema, operation: ast.OperationDefinition, variables: dict, *, limits: QueryLimits):
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in variables:
            continue
        input_type = _input_type(schema, definition.type)
        if input_type is not None:
            _check_search_in_value(variables[name], input_type, limits=limits)


def _input_type(schema, type_node: ast.Type):
    if isinstance(type_node, ast.NonNullType):
        return _input_type(schema, type_node.type)
    if isinstance(type_node, ast.ListType):
        inner = _input_type(schema, type_node.type)
        return GraphQLList(inner) if inner is not None else None
    return schema.get_type(type_node.name.value)


def _check_search_in_value(value: Any, input_type, *, limits: QueryLimits) -> None:
    stack = [(value, input_type)]
    while stack:
        item, item_type = stack.pop()
        if isinstance(item_type, GraphQLNonNull):
            item_type = item_type.of_type
        if isinstance(item_type, GraphQLList) and isinstance(item, list):
            stack.extend((child, item_type.of_type) for child in item)
        elif isinstance(item_type, GraphQLInputObjectType) and isinstance(item, dict):
            for key, child in item.items():
                field = item_type.fields.get(key)
                if field is None:
                    continue
                if key in SEARCH_FIELDS and isinstance(child, str):
                    _check_search_text(child, limits=limits)
                stack.append((child, field.type))


def _check_search_text(text: Optional[str], *, limits: QueryLimits) -> None:
    if text is not None and len(text) > limits.max_search_length:
        raise QueryLimitExceeded(f"A search text is longer than {limits.max_search_length} characters.")
