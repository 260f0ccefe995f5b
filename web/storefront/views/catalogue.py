"""Product listings: the whole catalogue, a region, a province, a curated collection."""
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from otop_kernel.otop_categories import OtopCategory
from plugins.curation import selectors as curation_selectors
from plugins.export_markets import selectors as export_selectors
from plugins.provenance import selectors as provenance_selectors

from .. import catalogue
from ..forms import CatalogueFilterForm
from ..markets import market_for_request


def _selection(request, *, fixed: dict) -> tuple:
    form = CatalogueFilterForm(
        request.GET,
        sorts=catalogue.SORTS,
        price_bands=catalogue.PRICE_BANDS,
        categories=OtopCategory.values,
        regions=[region.code for region in provenance_selectors.regions()],
    )
    values = form.valid_values()
    selection = catalogue.Selection(
        min_stars=values.get("min_stars"),
        region=values.get("region", ""),
        province=values.get("province", ""),
        category=values.get("category", ""),
        gi=values.get("gi"),
        ships=values.get("ships", False),
        price=values.get("price", ""),
        sort=values.get("sort") or catalogue.SORTS[0][0],
    )
    for name, value in fixed.items():
        setattr(selection, name, value)
    return selection, form, values.get("page") or 1


def _query_without_page(request) -> str:
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key != "page":
            query.setlist(key, [value for value in values if value])
    return query.urlencode()


def _listing(request, *, template_context: dict, fixed: dict):
    market = market_for_request(request)
    selection, form, page_number = _selection(request, fixed=fixed)
    at_home = market.market == export_selectors.home_country()
    if at_home:
        selection.ships = False
    rate = catalogue.market_rate(market=market)
    products = catalogue.products_sorted(
        catalogue.products_selected(request, selection=selection, market=market), sort=selection.sort
    )
    paginator = Paginator(catalogue.with_page_data(products), settings.STOREFRONT_CATALOGUE_PAGE_SIZE)
    page = paginator.get_page(page_number)
    facets = catalogue.facets_count(request, selection=selection, market=market, rate=rate, fixed=tuple(fixed))
    context = {
        **template_context,
        "form": form,
        "selection": selection,
        "facets": facets,
        "offer_shipping_facet": not at_home,
        "filters_chosen": selection.active(fixed=tuple(fixed)),
        "sorts": [(key, label) for key, label, *_rest in catalogue.SORTS],
        "page": page,
        "cards": catalogue.product_cards(list(page.object_list), market=market, rate=rate),
        "query": _query_without_page(request),
        "fixed": fixed,
    }
    template = "storefront/catalogue/_results.html" if request.htmx else "storefront/catalogue/listing.html"
    return TemplateResponse(request, template, context)


def catalogue_index(request):
    return _listing(
        request,
        template_context={"heading": _("All products"), "page_title": _("All products")},
        fixed={},
    )


def region_detail(request, region_slug: str):
    region = next((r for r in provenance_selectors.regions() if r.code.lower() == region_slug), None)
    if region is None:
        raise Http404("no such region")
    name = catalogue.place_name(region)
    return _listing(
        request,
        template_context={"heading": name, "page_title": name, "region": region,
                          "region_provinces": sorted(
                              ({"code": p.code, "name": catalogue.place_name(p)}
                               for p in provenance_selectors.provinces(region_code=region.code)),
                              key=lambda item: item["name"])},
        fixed={"region": region.code},
    )


def province_detail(request, code: str):
    province = provenance_selectors.province_get(code=code)
    if province is None:
        raise Http404("no such province")
    name = catalogue.place_name(province)
    return _listing(
        request,
        template_context={"heading": name, "page_title": name, "province": province,
                          "region_name": catalogue.place_name(province.region)},
        fixed={"province": province.code},
    )


def collection_detail(request, slug: str):
    featured = curation_selectors.featured_collection_by_slug(slug=slug)
    if featured is None:
        raise Http404("no such collection")
    collection = featured.collection
    name = collection.translated.name
    return _listing(
        request,
        template_context={"heading": name, "page_title": name, "collection": collection,
                          "collection_description": collection.translated.description},
        fixed={"collection_id": collection.pk},
    )
