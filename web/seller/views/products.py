"""Products: the list (search, filters), one page to create and edit a product (texts in Thai
and three other languages, category, price, variants, stock, photos, provenance), publishing,
the export profile, star certifications (read-only), and stock and prices from a CSV file."""
import csv
import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from plugins.export_markets import selectors as export_selectors
from plugins.export_markets import services as export_services
from plugins.export_markets.choices import Allergen
from plugins.otop_stars import selectors as stars_selectors
from plugins.producer_channels import access, selectors
from plugins.producer_channels.services import catalogue
from plugins.provenance import selectors as provenance_selectors

from ..errors import add_service_errors, message_for
from ..forms import (
    BulkUploadForm,
    ExportProfileForm,
    PhotoForm,
    ProductForm,
    ProductSearchForm,
    VariantForm,
    place_initial_of,
)
from ..portal import producer_required, reach_own

BULK_SESSION_KEY = "seller_bulk_rows"
BULK_MAX_BYTES = 1024 * 1024
BULK_MAX_ROWS = 2000
ALLERGEN_LABELS = {
    Allergen.GLUTEN: _("Cereals containing gluten"), Allergen.CRUSTACEANS: _("Crustaceans"), Allergen.EGGS: _("Eggs"),
    Allergen.FISH: _("Fish"), Allergen.PEANUTS: _("Peanuts"), Allergen.SOYBEANS: _("Soybeans"), Allergen.MILK: _("Milk"),
    Allergen.NUTS: _("Tree nuts"), Allergen.CELERY: _("Celery"), Allergen.MUSTARD: _("Mustard"),
    Allergen.SESAME: _("Sesame"), Allergen.SULPHITES: _("Sulphites"), Allergen.LUPIN: _("Lupin"),
    Allergen.MOLLUSCS: _("Molluscs"),
}
PRODUCT_SERVICE_FIELDS = {"base_price": "price", "is_published": None, "product": None}


@producer_required(approved=True)
def product_list(request):
    form = ProductSearchForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    products = selectors.producer_product_list(
        producer=request.producer,
        search=filters.get("q", ""),
        is_published={"published": True, "draft": False}.get(filters.get("status")),
        low_stock=filters.get("stock") == "low",
    )
    page = Paginator(products, settings.SELLER_PAGE_SIZE).get_page(request.GET.get("page"))
    stars = stars_selectors.current_stars_by_product_ids(product_ids=[product.pk for product in page])
    rows = [
        {
            "product": product,
            "photo": next(iter(product.images.all()), None),
            "stock": sum(stock.quantity for variant in product.variants.all() for stock in variant.own_stocks),
            "stars": stars.get(product.pk),
        }
        for product in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(request, "seller/products/list.html", {
        "section": "products", "form": form, "rows": rows, "page": page, "query": query.urlencode(),
    })


def _own_product(request, product_id):
    return reach_own(access.reach_product(user=request.user, pk=product_id), request)


def _product_initial(request, product) -> tuple[dict, dict]:
    """The form's initial values and the place chain's: the product's, or the shop's tambon."""
    if product is None:
        return {}, place_initial_of(request.producer.home_subdistrict)
    provenance = provenance_selectors.provenances_by_product_ids(product_ids=[product.pk]).get(product.pk)
    stock = selectors.producer_stock_by_variant_ids(
        producer=request.producer, variant_ids=[variant.pk for variant in product.variants.all()])
    initial = {
        "name": product.name, "description": product.description, "category": str(product.category_id or ""),
        "price": product.price_amount, **{f"stock_{pk}": quantity for pk, quantity in stock.items()},
    }
    if provenance is not None:
        initial["otop_category"] = provenance.category
        return initial, place_initial_of(provenance.subdistrict)
    return initial, place_initial_of(request.producer.home_subdistrict)


def _product_form(request, product, data=None, files=None):
    initial, place_initial = _product_initial(request, product)
    return ProductForm(
        data, files, product=product, initial=initial, place_initial=place_initial,
        variants=product.variants.order_by("pk") if product else (),
        translations={t.language_code: t for t in product.translations.all()} if product else None,
    )


def _edit_page(request, product, *, form=None, variant_form=None, photo_form=None, export_form=None,
               publish_error=None, status=200):
    form = form or _product_form(request, product)
    context = {"section": "products", "product": product, "form": form, "publish_error": publish_error}
    if product is not None:
        profile = export_selectors.export_profile_of_product(product_id=product.pk)
        context.update(
            variants=list(product.variants.order_by("pk")),
            photos=list(product.images.order_by("sort_order", "pk")),
            variant_form=variant_form or VariantForm(),
            photo_form=photo_form or PhotoForm(),
            export_form=export_form or ExportProfileForm(
                allergen_choices=ALLERGEN_LABELS.items(),
                initial={
                    "hs_code": profile.hs_code, "customs_description_en": profile.customs_description_en,
                    "net_weight_grams": profile.net_weight_grams, "gross_weight_grams": profile.gross_weight_grams,
                    "allergens": profile.allergens,
                } if profile else None,
            ),
            certificates=list(export_selectors.certificates_of_product(product_id=product.pk)),
            star_current=stars_selectors.certification_current(product_id=product.pk),
            star_history=list(stars_selectors.certifications_of_product(product_id=product.pk)),
            shop_url=f"/th/products/{product.slug}/",
        )
    return TemplateResponse(request, "seller/products/edit.html", context, status=status)


@producer_required(approved=True)
def product_edit(request, product_id=None):
    product = _own_product(request, product_id) if product_id else None
    if request.method != "POST":
        return _edit_page(request, product)
    form = _product_form(request, product, request.POST, request.FILES)
    if "reload" in request.POST:
        form.errors.clear()
        return _edit_page(request, product, form=form)
    if form.is_valid():
        try:
            saved = catalogue.producer_product_save(producer=request.producer, product=product, **form.service_arguments())
        except ValidationError as refused:
            add_service_errors(form, refused, fields=PRODUCT_SERVICE_FIELDS)
        else:
            messages.success(request, gettext("Saved.") if product else gettext("Saved as a draft."))
            return redirect("seller:product", product_id=saved.pk)
    return _edit_page(request, product, form=form, status=400)


@require_POST
@producer_required(approved=True)
def product_publish(request, product_id):
    product = _own_product(request, product_id)
    publish = request.POST.get("action") != "unpublish"
    try:
        catalogue.producer_product_update(product=product, is_published=publish)
    except ValidationError as refused:
        code = next(error.code for errors in refused.error_dict.values() for error in errors)
        return _edit_page(request, product, publish_error=message_for("is_published", code), status=400)
    messages.success(request, gettext("The product is on sale.") if publish else gettext("The product is off sale."))
    return redirect("seller:product", product_id=product.pk)


def _product_part_saved(request, product, form, *, save, done: str, form_name: str):
    """A form of one part of the product page (variant, photo, export profile): saved through
    its service and back to the page, or the page again with the form's errors."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(request, done)
            return redirect("seller:product", product_id=product.pk)
    return _edit_page(request, product, status=400, **{form_name: form})


@require_POST
@producer_required(approved=True)
def variant_add(request, product_id):
    product = _own_product(request, product_id)
    return _product_part_saved(
        request, product, VariantForm(request.POST), form_name="variant_form", done=gettext("Variant added."),
        save=lambda data: catalogue.producer_variant_create(
            product=product, sku=data["sku"], name=data["name"], price=data["price"], quantity=data["quantity"],
        ),
    )


@require_POST
@producer_required(approved=True)
def photo_add(request, product_id):
    product = _own_product(request, product_id)
    return _product_part_saved(
        request, product, PhotoForm(request.POST, request.FILES), form_name="photo_form", done=gettext("Photo added."),
        save=lambda data: catalogue.producer_product_photo_add(product=product, upload=data["photo"]),
    )


@require_POST
@producer_required(approved=True)
def export_profile(request, product_id):
    product = _own_product(request, product_id)
    return _product_part_saved(
        request, product, ExportProfileForm(request.POST, allergen_choices=ALLERGEN_LABELS.items()),
        form_name="export_form", done=gettext("Export profile saved."),
        save=lambda data: export_services.export_profile_update(product=product, **data),
    )


# --- stock and prices from a file ---------------------------------------------------------------


def _rows_of_csv(upload) -> list[dict]:
    if upload.size > BULK_MAX_BYTES:
        raise ValueError(gettext("The file is larger than 1 MB."))
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(gettext("Save the file as CSV in UTF-8.")) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {(name or "").strip().lower() for name in reader.fieldnames or ()}
    if "sku" not in columns or not columns & {"quantity", "price"}:
        raise ValueError(gettext("The first line must name the columns: sku, quantity, price."))
    rows = []
    for number, raw in enumerate(reader, start=2):
        row = {(key or "").strip().lower(): (value or "") for key, value in raw.items() if isinstance(value, str)}
        rows.append({"line": number, "sku": row.get("sku", ""), "quantity": row.get("quantity", ""), "price": row.get("price", "")})
        if len(rows) > BULK_MAX_ROWS:
            raise ValueError(gettext("The file has more than 2000 rows."))
    if not rows:
        raise ValueError(gettext("The file has no rows."))
    return rows


def _bulk_preview(checked) -> list[dict]:
    return [
        {"row": row, "errors": [message_for(f"bulk_{field}", code) for field, code in row.errors]}
        for row in checked
    ]


@producer_required(approved=True)
def bulk_update(request):
    form = BulkUploadForm()
    if request.method == "POST" and request.POST.get("action") == "apply":
        saved = request.session.get(BULK_SESSION_KEY) or {}
        if saved.get("producer") != request.producer.pk or not saved.get("rows"):
            return redirect("seller:bulk_update")
        try:
            applied = catalogue.producer_stock_bulk_apply(producer=request.producer, rows=saved["rows"])
        except ValidationError as refused:
            line_errors = getattr(refused, "error_dict", {}).get("line")
            if line_errors:
                error = line_errors[0]
                messages.error(request, gettext("Line %(line)s: %(error)s") % {
                    "line": error.params["line"], "error": message_for(f"bulk_{error.params['field']}", error.code)})
            else:
                messages.error(request, gettext("Nothing was changed."))
            return redirect("seller:bulk_update")
        del request.session[BULK_SESSION_KEY]
        messages.success(request, gettext("%(count)s rows applied.") % {"count": len(applied)})
        return redirect("seller:products")
    if request.method == "POST":
        form = BulkUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = _rows_of_csv(form.cleaned_data["file"])
            except ValueError as problem:
                form.add_error("file", str(problem))
            else:
                checked = catalogue.producer_stock_bulk_check(producer=request.producer, rows=rows)
                request.session[BULK_SESSION_KEY] = {"producer": request.producer.pk, "rows": rows}
                return TemplateResponse(request, "seller/products/bulk_preview.html", {
                    "section": "products", "preview": _bulk_preview(checked),
                    "changes": sum(1 for row in checked if row.changes),
                    "refused": sum(1 for row in checked if row.errors),
                })
        return TemplateResponse(request, "seller/products/bulk.html", {"section": "products", "form": form}, status=400)
    return TemplateResponse(request, "seller/products/bulk.html", {"section": "products", "form": form})
