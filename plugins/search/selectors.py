"""Reads of the search, for GraphQL and the storefront."""
from dataclasses import dataclass
from typing import Optional

from django.db.models import QuerySet

from .engine import Suggestion, search_engine

MAX_SUGGESTIONS = 20


@dataclass(frozen=True)
class SearchSuggestions:
    suggestions: list[Suggestion]
    did_you_mean: Optional[str]


def search_suggestions(*, text: str, language: str, limit: int = 8) -> SearchSuggestions:
    """Product and place names for what the shopper typed, and a corrected phrase when a
    word of it is not in the catalogue but one like it is."""
    limit = max(1, min(limit, MAX_SUGGESTIONS))
    engine = search_engine()
    return SearchSuggestions(
        suggestions=engine.suggestions(text=text, language=language, limit=limit),
        did_you_mean=engine.did_you_mean(text=text),
    )


def products_search(*, queryset: QuerySet, phrase: str) -> QuerySet:
    """The products of `queryset` matching the phrase, annotated with `search_rank`."""
    engine = search_engine()
    return engine.products_rank(queryset=queryset & engine.products_matching(phrase=phrase), phrase=phrase)


def products_rank(*, queryset: QuerySet, phrase: str) -> QuerySet:
    return search_engine().products_rank(queryset=queryset, phrase=phrase)
