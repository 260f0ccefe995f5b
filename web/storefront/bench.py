"""`make bench` for the storefront: the catalogue page (50 per page, every facet counted) against
the GraphQL `products(first: 50)` with the same OTOP fields, on the same data, in the same
language and market.

Two pairs: the whole catalogue in Thai for Thailand, and a Japanese shopper's filtered catalogue
(4 stars or more, the Northeast, can be sent to Japan) in English. Each page is fetched through
the whole middleware stack in-process (django.test.Client), as the baselines post GraphQL; the
GraphQL listing of each pair is the page's baseline, and it is itself measured against Saleor's
plain listing. The issue's bound: page ≤ 1.5x its GraphQL listing.
"""
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

from otop_kernel.bench import BASELINE_PRODUCTS_50, PRODUCT_LISTING_FIELDS, BenchContext, Scenario

PAGE_SIZE = 50

# What a product card shows: name in the page's language, thumbnail, price (in the market's
# currency where it differs), stars and round year, province, whether it can go to the market.
CARD_FIELDS = """
        id name slug
        translation(languageCode: %(language)s) { name }
        thumbnail(size: 255) { url alt }
        pricing { priceRange { start { gross { amount currency } } } }
        otop {
          stars { stars roundYear }
          provenance { province { code nameTh nameEn } }
          %(market_fields)s
        }"""
LISTING = (
    "query($filter: ProductFilterInput) { products(first: %(first)s, filter: $filter, "
    "sortBy: {field: STARS, direction: DESC}) { edges { node {" + CARD_FIELDS + " } } } }"
)
# Every good the filter lets through can go to Japan: the card's "not sent to your country" needs no field.
JAPAN_FIELDS = 'priceInMarket(country: "JP") { amount currency }'

# Issue 18's storefront card: stars, province, producer, price in yen and thumbnail at once.
STOREFRONT_CARD = (
    "query($filter: ProductFilterInput) { products(first: %(first)s, filter: $filter) { edges { node {"
    " id name slug thumbnail(size: 255) { url alt } pricing { priceRange { start { gross { amount currency } } } }"
    " otop { stars { stars roundYear } provenance { province { code nameTh nameEn } }"
    " producer { slug nameTh nameEn } " + JAPAN_FIELDS + " } } } } }"
)
PLAIN_FILTERED = (
    "query($filter: ProductFilterInput) { products(first: 50, filter: $filter) { edges { node {"
    + PRODUCT_LISTING_FIELDS + " } } } }"
)
CARD_FILTER = {"filter": {"minStars": 4, "regions": ["NORTHEAST"], "exportableTo": "JP"}}

_clients: dict = {}


def _shopper(market: str) -> Client:
    """A shopper's browser: the market cookie, as the header's switcher leaves it."""
    if market not in _clients:
        allowed = [host for host in settings.ALLOWED_HOSTS if host != "*" and not host.startswith(".")]
        client = Client(HTTP_HOST=allowed[0] if allowed else "localhost")
        client.cookies[settings.STOREFRONT_MARKET_COOKIE] = market
        _clients[market] = client
    return _clients[market]


def _page(path: str, market: str):
    def run(_ctx: BenchContext, _prepared) -> None:
        with override_settings(STOREFRONT_CATALOGUE_PAGE_SIZE=PAGE_SIZE):
            response = _shopper(market).get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path}: HTTP {response.status_code}")
        cards = response.context["cards"] if response.context else None
        if cards is not None and len(cards) > PAGE_SIZE:
            raise AssertionError(f"GET {path}: {len(cards)} cards")

    return run


SCENARIOS = [
    Scenario(
        name="card_listing_50_stars4_region_jp",
        baseline=BASELINE_PRODUCTS_50,
        query=STOREFRONT_CARD % {"first": PAGE_SIZE},
        variables=CARD_FILTER,
        description="4+ stars, Northeast, exportable to JP, 50 per page, with what a card shows: "
        "thumbnail, price, stars, province, producer, price in yen",
    ),
    Scenario(
        name="card_listing_10_stars4_region_jp",
        baseline=BASELINE_PRODUCTS_50,
        query=STOREFRONT_CARD % {"first": 10},
        variables=CARD_FILTER,
        description="The same card listing, 10 per page (its SQL count equals the 50-per-page one)",
    ),
    Scenario(
        name="products_50_stars4_region_jp_plain",
        baseline=BASELINE_PRODUCTS_50,
        query=PLAIN_FILTERED,
        variables=CARD_FILTER,
        description="The card listing's filters with only Saleor's fields",
    ),
    Scenario(
        name="storefront_catalogue_graphql_50_th",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING % {"first": PAGE_SIZE, "language": "TH", "market_fields": ""},
        variables={"filter": {}},
        description="products(first: 50) most stars first, with what a Thai catalogue card shows",
    ),
    Scenario(
        name="storefront_catalogue_page_50_th",
        baseline="storefront_catalogue_graphql_50_th",
        run=_page("/th/products/", "TH"),
        description="GET /th/products/ (market Thailand), 50 per page, every facet counted",
    ),
    Scenario(
        name="storefront_catalogue_graphql_50_jp_filtered",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING % {"first": PAGE_SIZE, "language": "EN", "market_fields": JAPAN_FIELDS},
        variables={"filter": {"minStars": 4, "regions": ["NORTHEAST"], "exportableTo": "JP"}},
        description="products(first: 50, 4+ stars, Northeast, exportable to JP) with yen prices",
    ),
    Scenario(
        name="storefront_catalogue_page_50_jp_filtered",
        baseline="storefront_catalogue_graphql_50_jp_filtered",
        run=_page("/en/products/?min_stars=4&region=NORTHEAST&ships=on", "JP"),
        description="GET /en/products/?min_stars=4&region=NORTHEAST&ships=on (market Japan), 50 per page",
    ),
]
