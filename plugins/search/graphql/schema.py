import graphene
from graphql.error import GraphQLError
from saleor.graphql.product.types import Product
from saleor.graphql.translations.enums import LanguageCodeEnum
from saleor.product.models import Product as ProductModel

from .. import selectors
from ..models import SuggestionKind

MAX_TEXT_LENGTH = 100

class SearchSuggestionKindEnum(graphene.Enum):
    PRODUCT = SuggestionKind.PRODUCT.value
    PROVINCE = SuggestionKind.PROVINCE.value
    DISTRICT = SuggestionKind.DISTRICT.value
    SUBDISTRICT = SuggestionKind.SUBDISTRICT.value

    class Meta:
        name = "SearchSuggestionKind"
        description = "What a search suggestion names."


class SearchSuggestion(graphene.ObjectType):
    kind = graphene.Field(
        graphene.NonNull(SearchSuggestionKindEnum),
        description="What the suggestion names: a product, or a province, district or tambon.",
    )
    text = graphene.String(required=True, description="The name, as shown.")
    language = graphene.String(required=True, description="Language code of the name (th, en, ja, zh-hans...).")
    product = graphene.Field(Product, description="The product named (product suggestions only).")
    place_code = graphene.String(
        description="DOPA code of the place named (place suggestions only): the value of the "
        "`provinces`, `districts` or `subdistricts` product filter."
    )

    class Meta:
        description = "A product or place name offered as the shopper types."

    def resolve_kind(root, _info):
        return root.kind


class SearchSuggestions(graphene.ObjectType):
    suggestions = graphene.List(
        graphene.NonNull(SearchSuggestion), required=True,
        description="Names starting with (then containing) the typed text; products first in the "
        "shopper's language, higher official stars first.",
    )
    did_you_mean = graphene.String(
        description="The text with misspelt words replaced by the nearest words of the catalogue; "
        "null when every word is known or none is near."
    )

    class Meta:
        description = "What to offer under the search box."


class _ResolvedSuggestion:
    def __init__(self, suggestion, product):
        self.kind = suggestion.kind
        self.text = suggestion.text
        self.language = suggestion.language
        self.place_code = suggestion.place_code
        self.product = product


class SearchQueries(graphene.ObjectType):
    search_suggestions = graphene.Field(
        graphene.NonNull(SearchSuggestions),
        text=graphene.String(required=True, description=f"What the shopper typed (at most {MAX_TEXT_LENGTH} characters)."),
        language=graphene.Argument(LanguageCodeEnum, description="The shopper's language (default: English)."),
        first=graphene.Int(description=f"How many suggestions, 1 to {selectors.MAX_SUGGESTIONS} (default 8)."),
        description="Suggestions as the shopper types (product and place names, published goods only) "
        "and a \"did you mean\" correction of a misspelt search.",
    )

    def resolve_search_suggestions(_root, _info, text, language=None, first=8):
        if len(text) > MAX_TEXT_LENGTH:
            raise GraphQLError(f"text: at most {MAX_TEXT_LENGTH} characters.")
        if first is None or not 1 <= first <= selectors.MAX_SUGGESTIONS:
            raise GraphQLError(f"first: from 1 to {selectors.MAX_SUGGESTIONS}.")
        found = selectors.search_suggestions(text=text, language=language or "en", limit=first)
        product_ids = [suggestion.product_id for suggestion in found.suggestions if suggestion.product_id]
        products = ProductModel.objects.published().in_bulk(product_ids) if product_ids else {}
        return SearchSuggestions(
            suggestions=[
                _ResolvedSuggestion(suggestion, products.get(suggestion.product_id))
                for suggestion in found.suggestions
                if suggestion.product_id is None or suggestion.product_id in products
            ],
            did_you_mean=found.did_you_mean,
        )
