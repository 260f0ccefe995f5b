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
    patch_graphql_variable_coercion()
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
    patch_checkout_iteration_with_variants()
    from saleor_otop.plugins_manager import patch_get_plugins_manager

    patch_get_plugins_manager()
    _model_patches_applied = True


def apply_graphql_patches() -> None:
    global _graphql_patches_applied
    if _graphql_patches_applied:
        return
    # Applied once Saleor's GraphQL package may be imported: importing it at app loading
    # would build Saleor's permission enum before our plugins add theirs.
    from saleor_otop.accounts.patches import apply_account_patches
    from saleor_otop.checkout_completion import apply_checkout_graphql_patches

    patch_checkout_lines_loader_with_variants()
    patch_order_lines_with_variants()
    apply_account_patches()
    apply_checkout_graphql_patches()
    from saleor_otop.plugins_manager import patch_get_plugins_manager

    patch_get_plugins_manager()  # the modules Saleor's GraphQL package imported since
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


def patch_graphql_variable_coercion() -> None:
    """ValueError: could not convert string to float: 'ten'.

    graphql-core 2.3.2 checks a variable's value by parsing it with its scalar
    and lets the scalar's ValueError or TypeError out, so `{"first": "ten"}` for
    an `Int` ends the request with Python's text instead of the GraphQL error
    that names the variable and its expected type.
    """
    import json

    import graphql.execution.values
    import graphql.utils.is_valid_value as module

    if getattr(module.is_valid_value, "otop_patched", False):
        return
    original = module.is_valid_value

    @functools.wraps(original)
    def is_valid_value(value, type_):
        try:
            return original(value, type_)
        except (ValueError, TypeError, OverflowError):
            return [f'Expected type "{type_}", found {json.dumps(value)}.']

    is_valid_value.otop_patched = True
    module.is_valid_value = is_valid_value
    graphql.execution.values.is_valid_value = is_valid_value


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




# ---------------------------------------------------------------------------
# Security backports: fixes of Django releases after 3.2.25 (SECURITY.md lists
# each advisory and why it applies). Applied from SaleorOtopConfig.ready; each
# replaced function keeps the original as `__wrapped__`, and
# tests/test_security_backports.py shows each attack working against it.
# ---------------------------------------------------------------------------

_security_patches_applied = False

# The caps Django 4.2 introduced with these fixes.
LANGUAGE_CODE_MAX_LENGTH = 500  # CVE-2024-39614, CVE-2026-77050, CVE-2026-15337
STRIP_TAGS_MAX_DEPTH = 50  # CVE-2024-53907, CVE-2025-32873
IPV6_ADDRESS_MAX_LENGTH = 39  # CVE-2024-56374


def apply_security_patches() -> None:
    global _security_patches_applied
    if _security_patches_applied:
        return
    patch_check_password_unusable_timing()
    patch_storage_save_validates_name()
    patch_q_connector_validation()
    patch_column_alias_checks()
    patch_language_code_length()
    patch_log_response_escaping()
    patch_wrap_linear()
    patch_strip_tags_depth()
    patch_ipv6_length()
    patch_multipart_base64_refused()
    patch_header_parameters_linear()
    _security_patches_applied = True


def _replace(module, name, replacement) -> None:
    replacement.otop_security_patch = True
    setattr(module, name, replacement)


def patch_check_password_unusable_timing() -> None:
    """CVE-2024-39329: account enumeration by timing for users with unusable passwords.

    check_password answered at once for an unusable password (Saleor's customers
    and staff created without one) but ran the hasher for a wrong one, so the
    answer time told which accounts exist. Django 4.2.14 runs the default hasher
    once in that case too.
    """
    from django.contrib.auth import base_user, hashers

    original = hashers.check_password
    if getattr(original, "otop_security_patch", False):
        return

    @functools.wraps(original)
    def check_password(password, encoded, setter=None, preferred="default"):
        fake_runtime = password is None or not hashers.is_password_usable(encoded)
        if not fake_runtime:
            try:
                hashers.identify_hasher(encoded)
            except ValueError:
                fake_runtime = True
        if fake_runtime:
            hashers.make_password(hashers.get_random_string(hashers.UNUSABLE_PASSWORD_SUFFIX_LENGTH))
            return False
        return original(password, encoded, setter, preferred)

    _replace(hashers, "check_password", check_password)
    _replace(base_user, "check_password", check_password)


def patch_storage_save_validates_name() -> None:
    """CVE-2024-39330: directory traversal through Storage.save of a storage that
    overrides get_available_name/generate_filename without Django's checks.

    Django 3.2 validated the name only after writing the file; 4.2.14 validates it
    before and after get_available_name, so nothing is written outside the root
    (Django 4.2's save, whole).
    """
    from django.core.files import File, storage
    from django.core.files.utils import validate_file_name

    original = storage.Storage.save
    if getattr(original, "otop_security_patch", False):
        return

    @functools.wraps(original)
    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        validate_file_name(name, allow_relative_path=True)
        name = self.get_available_name(name, max_length=max_length)
        validate_file_name(name, allow_relative_path=True)
        name = self._save(name, content)
        validate_file_name(name, allow_relative_path=True)
        return name

    save.otop_security_patch = True
    storage.Storage.save = save


def patch_q_connector_validation() -> None:
    """CVE-2025-64459: SQL injection through a `_connector` key in filter(**data)/Q(**data).

    Django 3.2 put any `_connector` string into the SQL between conditions;
    4.2.26 accepts only AND and OR (and None).
    """
    from django.db.models import query_utils

    original = query_utils.Q.__init__
    if getattr(original, "otop_security_patch", False):
        return
    connectors = (None, query_utils.Q.AND, query_utils.Q.OR)

    @functools.wraps(original)
    def __init__(self, *args, _connector=None, _negated=False, **kwargs):
        if _connector not in connectors:
            raise ValueError("_connector must be one of 'AND', 'OR', or None.")
        original(self, *args, _connector=_connector, _negated=_negated, **kwargs)

    __init__.otop_security_patch = True
    query_utils.Q.__init__ = __init__


def patch_column_alias_checks() -> None:
    """SQL injection through crafted column aliases (dict keys expanded as **kwargs
    or passed as field names):

    - CVE-2024-42005: values()/values_list() names were not checked (JSONField keys);
    - CVE-2025-57833, CVE-2025-13372: FilteredRelation aliases were not checked;
    - CVE-2026-1312: FilteredRelation aliases with periods reached order_by;
    - CVE-2026-1287: the check let control characters and `#` through.

    Django 4.2.30's alias pattern and the checks it added to add_filtered_relation
    and set_values.
    """
    from django.db.models.sql import query
    from django.utils.regex_helper import _lazy_re_compile

    query.FORBIDDEN_ALIAS_PATTERN = _lazy_re_compile(r"['`\"\]\[;\s\x00-\x1F\x7F-\x9F]|#|--|/\*|\*/")
    Query = query.Query
    if getattr(Query.add_filtered_relation, "otop_security_patch", False):
        return
    original_add_filtered_relation = Query.add_filtered_relation
    original_set_values = Query.set_values

    @functools.wraps(original_add_filtered_relation)
    def add_filtered_relation(self, filtered_relation, alias):
        if "." in alias:
            raise ValueError("FilteredRelation doesn't support aliases with periods (got %r)." % alias)
        self.check_alias(alias)
        return original_add_filtered_relation(self, filtered_relation, alias)

    @functools.wraps(original_set_values)
    def set_values(self, fields):
        for field in fields or ():
            self.check_alias(field)
        return original_set_values(self, fields)

    add_filtered_relation.otop_security_patch = True
    set_values.otop_security_patch = True
    Query.add_filtered_relation = add_filtered_relation
    Query.set_values = set_values


def patch_language_code_length() -> None:
    """CVE-2024-39614 (slow parsing of very long codes), CVE-2026-77050 and
    CVE-2026-15337 (each distinct long code kept as a cache key): the language
    code from the URL, the language cookie or a form.

    Django 4.2.14 / 5.2.18: codes over 500 characters are refused, or cut back to
    their generic variant, before the cached lookup.
    """
    from django.utils.translation import trans_real

    original_variant = trans_real.get_supported_language_variant
    if getattr(original_variant, "otop_security_patch", False):
        return
    original_check = trans_real.check_for_language

    @functools.wraps(original_variant)
    def get_supported_language_variant(lang_code, strict=False):
        if lang_code and len(lang_code) > LANGUAGE_CODE_MAX_LENGTH:
            index = -1 if strict else lang_code.rfind("-", 0, LANGUAGE_CODE_MAX_LENGTH)
            if index <= 0:
                raise LookupError(lang_code[:LANGUAGE_CODE_MAX_LENGTH])
            lang_code = lang_code[:index]
        return original_variant(lang_code, strict=strict)

    @functools.wraps(original_check)
    def check_for_language(lang_code):
        if lang_code is None or len(lang_code) > LANGUAGE_CODE_MAX_LENGTH:
            return False
        return original_check(lang_code)

    # Django's setting_changed receivers clear these caches by name.
    get_supported_language_variant.cache_clear = original_variant.cache_clear
    check_for_language.cache_clear = original_check.cache_clear
    _replace(trans_real, "get_supported_language_variant", get_supported_language_variant)
    _replace(trans_real, "check_for_language", check_for_language)


def patch_log_response_escaping() -> None:
    """CVE-2025-48432: log injection through the request path.

    "Not Found: %s" and the like were logged with request.path as is, so
    `/%0A...` wrote a forged line. Django 4.2.22 escapes every string argument.
    """
    from django.core.handlers import base, exception
    from django.middleware import csrf
    from django.utils import cache, log
    from django.views.decorators import http

    original = log.log_response
    if getattr(original, "otop_security_patch", False):
        return

    @functools.wraps(original)
    def log_response(message, *args, **kwargs):
        escaped = tuple(arg.encode("unicode_escape").decode("ascii") if isinstance(arg, str) else arg for arg in args)
        return original(message, *escaped, **kwargs)

    for module in (log, base, exception, csrf, cache, http):
        _replace(module, "log_response", log_response)


def patch_wrap_linear() -> None:
    """CVE-2025-26699: denial of service in wrap() and the wordwrap filter.

    Django 3.2 copied the rest of the line for every break (quadratic in its
    length); 4.2.20 wraps each line with textwrap, as here (4.2.22's version,
    which keeps empty lines).
    """
    import textwrap

    from django.template import defaultfilters
    from django.utils import text as text_module
    from django.utils.functional import keep_lazy_text

    original = text_module.wrap
    if getattr(original, "otop_security_patch", False):
        return

    @keep_lazy_text
    def wrap(text, width):
        wrapper = textwrap.TextWrapper(
            width=width, break_long_words=False, break_on_hyphens=False, replace_whitespace=False
        )
        result = []
        for line in text.splitlines():
            result.extend(wrapper.wrap(line) or [line])
        if text.endswith("\n"):
            result.append("")
        return "\n".join(result)

    wrap.__wrapped__ = original
    _replace(text_module, "wrap", wrap)
    _replace(defaultfilters, "wrap", wrap)


def patch_strip_tags_depth() -> None:
    """CVE-2024-53907 (nested incomplete entities) and CVE-2025-32873 (long
    unclosed tags): strip_tags and the striptags filter ran for minutes.

    Django 4.2.17 / 4.2.21 raise SuspiciousOperation (answered 400) past 50
    rounds of stripping or on an unclosed tag holding 50 or more `<`.
    """
    from django.core.exceptions import SuspiciousOperation
    from django.template import defaultfilters
    from django.utils import html
    from django.utils.functional import keep_lazy_text
    from django.utils.regex_helper import _lazy_re_compile

    original = html.strip_tags
    if getattr(original, "otop_security_patch", False):
        return
    long_open_tag_without_closing_re = _lazy_re_compile(r"<[a-zA-Z][^>]{1000,}")

    @keep_lazy_text
    def strip_tags(value):
        value = str(value)
        for long_open_tag in long_open_tag_without_closing_re.finditer(value):
            if long_open_tag.group().count("<") >= STRIP_TAGS_MAX_DEPTH:
                raise SuspiciousOperation("strip_tags: too many unclosed tags")
        depth = 0
        while "<" in value and ">" in value:
            if depth >= STRIP_TAGS_MAX_DEPTH:
                raise SuspiciousOperation("strip_tags: too deeply nested")
            new_value = html._strip_once(value)
            if value.count("<") == new_value.count("<"):
                break
            value = new_value
            depth += 1
        return value

    strip_tags.__wrapped__ = original
    _replace(html, "strip_tags", strip_tags)
    _replace(defaultfilters, "strip_tags", strip_tags)


def patch_ipv6_length() -> None:
    """CVE-2024-56374: denial of service in IPv6 validation of very long strings
    (validate_ipv6_address, GenericIPAddressField forms).

    Django 4.2.18 refuses strings over 39 characters before parsing them.
    """
    from django.core import validators
    from django.core.exceptions import ValidationError
    from django.forms import fields
    from django.utils import ipv6

    original_clean = ipv6.clean_ipv6_address
    if getattr(original_clean, "otop_security_patch", False):
        return
    original_is_valid = ipv6.is_valid_ipv6_address

    @functools.wraps(original_clean)
    def clean_ipv6_address(ip_str, *args, **kwargs):
        if len(ip_str) > IPV6_ADDRESS_MAX_LENGTH:
            message = kwargs.get("error_message", args[1] if len(args) > 1 else "This is not a valid IPv6 address.")
            raise ValidationError(message, code="invalid")
        return original_clean(ip_str, *args, **kwargs)

    @functools.wraps(original_is_valid)
    def is_valid_ipv6_address(ip_str):
        if not isinstance(ip_str, str) or len(ip_str) > IPV6_ADDRESS_MAX_LENGTH:
            return False
        return original_is_valid(ip_str)

    for module in (ipv6, validators, fields):
        if hasattr(module, "clean_ipv6_address"):
            _replace(module, "clean_ipv6_address", clean_ipv6_address)
        if hasattr(module, "is_valid_ipv6_address"):
            _replace(module, "is_valid_ipv6_address", is_valid_ipv6_address)


def patch_multipart_base64_refused() -> None:
    """CVE-2026-33033 (and CVE-2026-108147): a multipart part sent with
    `Content-Transfer-Encoding: base64` and much whitespace made Django 3.2 read
    it three bytes at a time (minutes of CPU for a few MB, before any permission
    check: Saleor's /graphql/ parses file uploads of anonymous requests).

    Django rewrote that loop; here such parts are refused instead (HTTP 400):
    RFC 7578 section 4.7 forbids the header in form data and neither browsers nor
    GraphQL upload clients send it.
    """
    from django.http import multipartparser

    original = multipartparser.Parser
    if getattr(original, "otop_security_patch", False):
        return

    class Parser(original):
        otop_security_patch = True

        def __iter__(self):
            for item_type, meta_data, field_stream in super().__iter__():
                encoding = meta_data.get("content-transfer-encoding")
                if encoding and encoding[0].strip().lower() == "base64":
                    raise multipartparser.MultiPartParserError("Content-Transfer-Encoding is not accepted.")
                yield item_type, meta_data, field_stream

    Parser.__wrapped__ = original
    multipartparser.Parser = Parser


def _split_header_params(value, *, quote, semicolon, backslash=None):
    """Split a header value at the semicolons outside quoted strings, in one pass.

    The same parts as cgi._parseparam (a quote after `backslash` does not count)
    and Django's multipartparser._parse_header_params (every quote counts), which
    rescan the part from its start at every semicolon inside quotes.
    """
    parts = []
    start = 0
    quoted = False
    previous = None
    for index, char in enumerate(value):
        if char == quote and (backslash is None or previous != backslash):
            quoted = not quoted
        elif char == semicolon and not quoted:
            parts.append(value[start:index].strip())
            start = index + 1
        previous = char
    parts.append(value[start:].strip())
    return parts


def _parse_content_type(line):
    """cgi.parse_header, with the one-pass split."""
    key, *params = _split_header_params(line, quote='"', semicolon=";", backslash="\\")
    pdict = {}
    for param in params:
        index = param.find("=")
        if index >= 0:
            name = param[:index].strip().lower()
            value = param[index + 1 :].strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
            pdict[name] = value
    return key, pdict


def patch_header_parameters_linear() -> None:
    """CVE-2026-84429: quadratic parsing of header parameters.

    Every request's Content-Type goes through cgi.parse_header (HttpRequest) and
    multipart ones through Django's parse_header too; both rescan the value for
    each semicolon inside a quoted parameter: an 8 KB Content-Type (gunicorn's
    limit) cost 102 ms in HttpRequest and 63 ms more in the multipart parser,
    before any view ran (0.5 ms with this split). Django 5.2.19 rewrote
    the parsing; here the split is one pass with the same results.
    """
    import codecs

    from django.http import multipartparser, request

    original_set_params = request.HttpRequest._set_content_type_params
    if getattr(original_set_params, "otop_security_patch", False):
        return
    original_split = multipartparser._parse_header_params

    @functools.wraps(original_set_params)
    def _set_content_type_params(self, meta):
        self.content_type, self.content_params = _parse_content_type(meta.get("CONTENT_TYPE", ""))
        if "charset" in self.content_params:
            try:
                codecs.lookup(self.content_params["charset"])
            except LookupError:
                pass
            else:
                self.encoding = self.content_params["charset"]

    @functools.wraps(original_split)
    def _parse_header_params(s):
        return _split_header_params(s[1:], quote=ord('"'), semicolon=ord(";"))

    _set_content_type_params.otop_security_patch = True
    request.HttpRequest._set_content_type_params = _set_content_type_params
    _replace(multipartparser, "_parse_header_params", _parse_header_params)
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


def patch_order_lines_with_variants() -> None:
    """One SQL query per order line (its variant) whenever an order's `lines { variant }` is
    resolved, so the storefront's order page of 30 lines ran 30 more queries: Saleor 2.10's
    Order.resolve_lines returns the lines without their variants. They come with their variant
    and product joined instead (tests/web/test_line_names.py counts the order page's queries)."""
    from saleor.graphql.order.types import Order

    original = Order.resolve_lines

    def resolve_lines(root, _info):
        return root.lines.select_related("variant__product").order_by("pk")

    resolve_lines.original = original
    Order.resolve_lines = staticmethod(resolve_lines)


patch_checkout_iteration_with_variants.__doc__ = CHECKOUT_LINE_N_PLUS_ONE
patch_checkout_lines_loader_with_variants.__doc__ = CHECKOUT_LINE_N_PLUS_ONE


__all__ = ["apply_graphql_patches", "apply_import_patches", "apply_model_patches"]
