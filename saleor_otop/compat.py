"""Runtime patches that let Saleor 2.10.1 run on Python 3.11, Django 3.2 and Pillow 10+.

Three phases: `apply_import_patches()` runs before any Saleor module is imported
(settings do it first thing); `apply_model_patches()` runs once Django's app
registry is ready (from `SaleorOtopConfig.ready`); `apply_graphql_patches()` runs
when the schema is built (saleor_otop/graphql/schema.py), since importing
saleor.graphql earlier would freeze its permission enum before the plugins add theirs. Each patch names the error it
fixes; `tests/test_compat.py` shows each error comes back without its patch.
"""
import functools
import os

_import_patches_applied = False
_model_patches_applied = False
_graphql_patches_applied = False


def apply_import_patches() -> None:
    global _import_patches_applied
    if _import_patches_applied:
        return
    patch_boundfield_location()
    patch_pillow_antialias()
    _import_patches_applied = True


def apply_model_patches() -> None:
    global _model_patches_applied
    if _model_patches_applied:
        return
    patch_transaction_error_length()
    patch_populatedb_placeholders_dir()
    patch_anonymize_checkout_deepcopy()
    patch_checkout_iteration_with_variants()
    _model_patches_applied = True


def apply_graphql_patches() -> None:
    global _graphql_patches_applied
    if _graphql_patches_applied:
        return
    patch_checkout_lines_loader_with_variants()
    _graphql_patches_applied = True


def patch_boundfield_location() -> None:
    """ImportError: cannot import name 'BoundField' from 'django.forms.forms'.

    saleor/account/i18n.py imports it from there; Django 3.1 moved it to
    django.forms.boundfield.
    """
    import django.forms.forms
    from django.forms.boundfield import BoundField

    django.forms.forms.BoundField = BoundField


def patch_pillow_antialias() -> None:
    """AttributeError: module 'PIL.Image' has no attribute 'ANTIALIAS'.

    django-versatileimagefield 2.2 resizes with Image.ANTIALIAS, removed in
    Pillow 10; LANCZOS is the same filter under its lasting name.
    """
    from PIL import Image

    if not hasattr(Image, "ANTIALIAS"):
        Image.ANTIALIAS = Image.LANCZOS


def patch_transaction_error_length() -> None:
    """DataError: value too long for type character varying(256).

    A gateway's error text (Stripe's are often longer) is stored in
    Transaction.error, a 256-character column, so checkoutComplete crashed
    instead of answering with the payment error. The stored text is cut to fit;
    the whole text still reaches the shopper through the GraphQL error.
    """
    from saleor.payment.models import Transaction

    max_length = Transaction._meta.get_field("error").max_length
    original_save = Transaction.save

    @functools.wraps(original_save)
    def save(self, *args, **kwargs):
        if self.error and len(self.error) > max_length:
            self.error = self.error[: max_length - 1] + "…"
        return original_save(self, *args, **kwargs)

    Transaction.save = save


def patch_populatedb_placeholders_dir() -> None:
    """FileNotFoundError: 'saleor/static/placeholders/' in populatedb.

    The command looks for its images relative to the working directory, which
    only worked from a Saleor checkout; the wheel ships them inside the package.
    """
    import saleor
    from saleor.core.management.commands import populatedb

    package_dir = os.path.dirname(saleor.__file__)
    populatedb.Command.placeholders_dir = os.path.join(package_dir, "static", "placeholders") + "/"


def patch_anonymize_checkout_deepcopy() -> None:
    """ValidationError: '"" is not a valid UUID.' in the checkout sample webhook payload.

    anonymize_checkout deep-copies a checkout whose prefetched `lines` queryset
    still holds Django 3.2's deferred related filter (checkout=<instance>). The
    copy's filter points at the copied checkout, whose token (its primary key)
    the anonymizer then blanks, so reading the lines filtered by token "".
    Building `.query` of each prefetched queryset first applies the filter with
    the real checkout, and the copy keeps it.
    """
    from saleor.core.utils import anonymization
    from saleor.webhook import payloads

    original = anonymization.anonymize_checkout
    if getattr(original, "otop_patched", False):
        return

    @functools.wraps(original)
    def anonymize_checkout(checkout):
        for instance in _self_and_prefetched_instances(checkout):
            for queryset in getattr(instance, "_prefetched_objects_cache", {}).values():
                queryset.query  # noqa: B018 - building the query settles the deferred filter
        return original(checkout)

    anonymize_checkout.otop_patched = True
    anonymization.anonymize_checkout = anonymize_checkout
    payloads.anonymize_checkout = anonymize_checkout


def _self_and_prefetched_instances(instance):
    yield instance
    for queryset in getattr(instance, "_prefetched_objects_cache", {}).values():
        yield from queryset._result_cache or ()


# The variant, product and product type every line's price and shipping rule read.
CHECKOUT_LINE_RELATED = ("variant__product__product_type",)


CHECKOUT_LINE_N_PLUS_ONE = """Two SQL queries per checkout line (its variant, then its product) whenever a
    checkout's prices or shipping methods are resolved, so a cart of 30 lines ran 60 more queries.

    Saleor 2.10's CheckoutLinesByCheckoutTokenLoader loads lines without their variants, and
    Checkout.__iter__ (behind is_shipping_required) does the same; base_checkout_line_total
    and is_shipping_required then read line.variant.product one line at a time. Lines come
    with their variant, product and product type joined instead; a checkout whose lines were
    prefetched keeps using them.
    """


def patch_checkout_iteration_with_variants() -> None:
    from saleor.checkout.models import Checkout

    def checkout_iter(self):
        if "lines" in getattr(self, "_prefetched_objects_cache", {}):
            return iter(self.lines.all())
        return iter(self.lines.select_related(*CHECKOUT_LINE_RELATED))

    checkout_iter.original = Checkout.__iter__
    Checkout.__iter__ = checkout_iter


def patch_checkout_lines_loader_with_variants() -> None:
    from collections import defaultdict

    from saleor.checkout.models import CheckoutLine
    from saleor.graphql.checkout.dataloaders import CheckoutLinesByCheckoutTokenLoader

    def batch_load(self, keys):
        lines_by_checkout = defaultdict(list)
        for line in CheckoutLine.objects.filter(checkout_id__in=keys).select_related(*CHECKOUT_LINE_RELATED):
            lines_by_checkout[line.checkout_id].append(line)
        return [lines_by_checkout.get(checkout_id, []) for checkout_id in keys]

    batch_load.original = CheckoutLinesByCheckoutTokenLoader.batch_load
    CheckoutLinesByCheckoutTokenLoader.batch_load = batch_load


patch_checkout_iteration_with_variants.__doc__ = CHECKOUT_LINE_N_PLUS_ONE
patch_checkout_lines_loader_with_variants.__doc__ = CHECKOUT_LINE_N_PLUS_ONE


__all__ = ["apply_graphql_patches", "apply_import_patches", "apply_model_patches"]
