"""Saleor's SEARCH_BACKEND (settings): `search_storefront(phrase)` is what Saleor's
products(filter: {search:}) filter calls (saleor/graphql/product/filters.py)."""
from .engine import search_engine


def search_storefront(phrase):
    return search_engine().products_matching(phrase=phrase)
