"""The search engine interface, and the configured engine.

Everything that searches goes through `search_engine()`: Saleor's SEARCH_BACKEND
(plugins/search/backend.py), the ranking of products(filter: {search:}), suggestions and
"did you mean", and the writes of documents. The PostgreSQL engine (postgresql.py) is the
default; another one (a search server) is a class with the same methods, named in the
OTOP_SEARCH_ENGINE setting (see README, "Search").
"""
import abc
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Optional

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from .documents import DocumentSource

RANK_ANNOTATION = "search_rank"


@dataclass(frozen=True)
class Suggestion:
    kind: str  # a SuggestionKind value
    text: str
    language: str
    product_id: Optional[int] = None
    place_code: Optional[str] = None


class SearchEngine(abc.ABC):
    @abc.abstractmethod
    def documents_write(self, *, sources: list[DocumentSource]) -> None:
        """Store (replace) the documents of these products, their suggestions and words."""

    @abc.abstractmethod
    def documents_delete(self, *, product_ids: Iterable[int]) -> None:
        """Forget the documents of products that are gone."""

    @abc.abstractmethod
    def products_matching(self, *, phrase: str) -> QuerySet:
        """Saleor products matching the phrase (a queryset Saleor's filters combine with)."""

    @abc.abstractmethod
    def products_rank(self, *, queryset: QuerySet, phrase: str) -> QuerySet:
        """The queryset annotated with an integer `search_rank`: name matches above other
        matches, then more stars above fewer."""

    @abc.abstractmethod
    def suggestions(self, *, text: str, language: str, limit: int) -> list[Suggestion]:
        """Product and place names for what the shopper has typed so far."""

    @abc.abstractmethod
    def did_you_mean(self, *, text: str) -> Optional[str]:
        """The phrase with misspelt words replaced by the catalogue's nearest, or None."""


@cache
def _engine(path: str) -> SearchEngine:
    return import_string(path)()


def search_engine() -> SearchEngine:
    return _engine(settings.OTOP_SEARCH_ENGINE)
