"""Runtime patches that let Saleor 2.10.1 run on Python 3.11, Django 3.2 and Pillow 10+.

Two phases: `apply_import_patches()` runs before any Saleor module is imported
(settings do it first thing); `apply_model_patches()` runs once Django's app
registry is ready (from `SaleorOtopConfig.ready`). Each patch names the error it
fixes; `tests/test_compat.py` shows each error comes back without its patch.
"""
import functools
import os

_import_patches_applied = False
_model_patches_applied = False


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
    # Checkout integrity: stock allocation that reads current allocations; tasks after commit
    # (checkoutComplete itself is patched from saleor_otop.graphql.schema).
    from saleor_otop.checkout_completion import apply_checkout_completion_patches
    from saleor_otop.task_outbox import patch_task_apply_async

    apply_checkout_completion_patches()
    patch_task_apply_async()
    _model_patches_applied = True


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


__all__ = ["apply_import_patches", "apply_model_patches"]
