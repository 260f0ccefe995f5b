"""The security backports of saleor_otop/compat.py (see SECURITY.md).

Each test sends the advisory's attack to the patched function and asserts the
refusal or the bounded result of the fix; its pair shows the same input getting
through Django 3.2.25's own function (kept as `__wrapped__`), so each can fail.
"""
import io
import logging

import pytest
from django.contrib.auth import hashers
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.exceptions import SuspiciousFileOperation, SuspiciousOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.validators import validate_ipv6_address
from django.db.models import FilteredRelation, Q
from django.forms import GenericIPAddressField
from django.http import multipartparser
from django.template import Context, Template
from django.utils import html, ipv6, text
from django.utils.translation import trans_real
from saleor.account.models import User
from saleor.product.models import Product

from saleor_otop import compat


class CountingHasher(MD5PasswordHasher):
    """The test's default hasher: counts how often a password is hashed."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.test_security_backports.CountingHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()
    CountingHasher.calls = 0
    yield CountingHasher
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


# CVE-2024-39329


def test_unusable_password_check_costs_one_hash_like_a_wrong_one(counting_hasher):
    customer = User(email="no-password@otop.test")
    customer.set_unusable_password()
    assert customer.check_password("guess") is False
    assert counting_hasher.calls == 1


def test_without_the_patch_an_unusable_password_answers_without_hashing(counting_hasher):
    customer = User(email="no-password@otop.test")
    customer.set_unusable_password()
    assert hashers.check_password.__wrapped__("guess", customer.password) is False
    assert counting_hasher.calls == 0


def test_a_usable_password_is_still_checked(counting_hasher):
    member = User(email="member@otop.test")
    member.set_password("right horse battery")
    assert member.check_password("right horse battery") is True
    assert member.check_password("wrong") is False


# CVE-2024-39330


class TrustingStorage(Storage):
    """A storage that, like many third-party ones, overrides get_available_name."""

    def __init__(self):
        self.written = []

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        self.written.append(name)
        return name


def test_storage_save_refuses_a_traversing_name_before_writing():
    storage = TrustingStorage()
    with pytest.raises(SuspiciousFileOperation):
        storage.save("../../etc/cron.d/job", ContentFile(b"x"))
    assert storage.written == []


def test_without_the_patch_the_traversing_file_is_written_first():
    storage = TrustingStorage()
    with pytest.raises(SuspiciousFileOperation):
        Storage.save.__wrapped__(storage, "../../etc/cron.d/job", ContentFile(b"x"))
    assert storage.written == ["../../etc/cron.d/job"]


def test_storage_save_keeps_ordinary_names():
    storage = TrustingStorage()
    assert storage.save("otop-payouts/run1.csv", ContentFile(b"x")) == "otop-payouts/run1.csv"


# CVE-2025-64459

INJECTED_CONNECTOR = {"_connector": "OR 1=1 OR", "name": "x", "slug": "y"}


def test_q_refuses_an_injected_connector():
    with pytest.raises(ValueError, match="_connector"):
        Product.objects.filter(**INJECTED_CONNECTOR)
    assert str(Product.objects.filter(Q(name="x") | Q(slug="y")).query)  # the real connectors still work


def test_without_the_patch_the_connector_reaches_the_sql(monkeypatch):
    monkeypatch.setattr(Q, "__init__", Q.__init__.__wrapped__)
    sql = str(Product.objects.filter(**INJECTED_CONNECTOR).query)
    assert " OR 1=1 OR " in sql


# CVE-2024-42005, CVE-2025-57833, CVE-2025-13372, CVE-2026-1287, CVE-2026-1312

INJECTED_ALIAS = 'x" FROM "account_user" --'


def test_values_refuses_an_injected_field_name():
    with pytest.raises(ValueError, match="Column aliases cannot contain"):
        Product.objects.values(INJECTED_ALIAS)


def test_filtered_relation_refuses_injected_aliases():
    for alias in (INJECTED_ALIAS, "x\x0bFROM", "x#", "account_user.password"):
        with pytest.raises(ValueError):
            Product.objects.annotate(**{alias: FilteredRelation("variants")})


def test_without_the_patch_a_filtered_relation_alias_is_not_checked(monkeypatch):
    from django.db.models.sql.query import Query

    monkeypatch.setattr(Query, "add_filtered_relation", Query.add_filtered_relation.__wrapped__)
    queryset = Product.objects.annotate(**{"x\x0bFROM": FilteredRelation("variants")})
    assert "x\x0bFROM" in queryset.query._filtered_relations


def test_control_characters_passed_django_3_2_alias_pattern():
    from django.utils.regex_helper import _lazy_re_compile

    django_3_2_pattern = _lazy_re_compile(r"['`\"\]\[;\s]|--|/\*|\*/")
    assert not django_3_2_pattern.search("x\x00y#")
    with pytest.raises(ValueError):
        Product.objects.annotate(**{"x\x00y#": FilteredRelation("variants")})


def test_ordinary_values_and_filtered_relations_still_work():
    assert str(Product.objects.values("name", "category__slug").query)
    assert str(Product.objects.annotate(first_variants=FilteredRelation("variants")).query)


# CVE-2024-39614, CVE-2026-77050, CVE-2026-15337

LONG_CODE = "x" * 600


def test_long_language_codes_are_cut_before_the_cache():
    trans_real.get_supported_language_variant.cache_clear()
    for number in range(20):
        assert trans_real.get_supported_language_variant(f"en-{number}{LONG_CODE}") == "en"
        with pytest.raises(LookupError):
            trans_real.get_supported_language_variant(f"{number}{LONG_CODE}")
    assert trans_real.get_supported_language_variant.__wrapped__.cache_info().currsize == 1  # "en"


def test_without_the_patch_each_long_code_is_kept_in_the_cache():
    trans_real.get_supported_language_variant.cache_clear()
    for number in range(20):
        assert trans_real.get_supported_language_variant.__wrapped__(f"en-{number}{LONG_CODE}") == "en"
    assert trans_real.get_supported_language_variant.__wrapped__.cache_info().currsize == 20


def test_a_long_code_falls_back_to_its_generic_variant():
    assert trans_real.get_supported_language_variant("en-" + LONG_CODE) == "en"
    with pytest.raises(LookupError):
        trans_real.get_supported_language_variant("en-" + LONG_CODE, strict=True)
    assert trans_real.get_supported_language_variant("en") == "en"


def test_check_for_language_refuses_long_codes_before_the_cache():
    trans_real.check_for_language.cache_clear()
    assert trans_real.check_for_language(LONG_CODE) is False
    assert trans_real.check_for_language.__wrapped__.cache_info().currsize == 0
    assert trans_real.check_for_language("en") is True


# CVE-2025-48432

FORGED_PATH = "/no-such-page%0A[01/Dec/2026 10:00:00] GET /admin/ 200"


@pytest.mark.django_db
def test_a_request_path_cannot_forge_a_log_line(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(FORGED_PATH).status_code == 404
    messages = [record.getMessage() for record in caplog.records if record.name == "django.request"]
    assert messages and all("\n" not in message for message in messages)
    assert "\\n[01/Dec/2026" in messages[0]


@pytest.mark.django_db
def test_without_the_patch_the_path_writes_a_new_line(client, caplog, monkeypatch):
    from django.core.handlers import base, exception

    for module in (base, exception):
        monkeypatch.setattr(module, "log_response", module.log_response.__wrapped__)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(FORGED_PATH)
    messages = [record.getMessage() for record in caplog.records if record.name == "django.request"]
    assert "\n[01/Dec/2026" in messages[0]


# CVE-2025-26699


def test_wordwrap_uses_textwrap():
    assert Template("{{ value|wordwrap:1 }}").render(Context({"value": "a  b"})) == "a\nb"
    assert text.wrap("one two\n\nthree four", 8) == "one two\n\nthree\nfour"


def test_without_the_patch_wrap_is_django_3_2_algorithm():
    assert text.wrap.__wrapped__("a  b", 1) == "a\n\nb"


# CVE-2024-53907, CVE-2025-32873

UNCLOSED_TAGS = "<x" * 600


def test_strip_tags_refuses_long_unclosed_tags():
    with pytest.raises(SuspiciousOperation):
        html.strip_tags(UNCLOSED_TAGS)
    with pytest.raises(SuspiciousOperation):
        Template("{{ value|striptags }}").render(Context({"value": UNCLOSED_TAGS}))
    assert html.strip_tags("<p>OTOP <b>silk</b></p>") == "OTOP silk"


def test_strip_tags_stops_after_fifty_rounds():
    nested = "<" * 60 + "a>" + "b>" * 59
    with pytest.raises(SuspiciousOperation):
        html.strip_tags(nested)


def test_without_the_patch_strip_tags_parses_them_all():
    assert isinstance(html.strip_tags.__wrapped__(UNCLOSED_TAGS), str)
    assert isinstance(html.strip_tags.__wrapped__("<" * 60 + "a>" + "b>" * 59), str)


# CVE-2024-56374

LONG_IPV6 = "fe80::1%" + "a" * 2000  # a valid address for Python's ipaddress: a scope id


def test_ipv6_validation_refuses_long_strings():
    assert ipv6.is_valid_ipv6_address(LONG_IPV6) is False
    with pytest.raises(ValidationError):
        validate_ipv6_address(LONG_IPV6)
    with pytest.raises(ValidationError):
        GenericIPAddressField().clean(LONG_IPV6)
    assert ipv6.is_valid_ipv6_address("2001:db8::1") is True
    assert GenericIPAddressField().clean("2001:db8::1") == "2001:db8::1"


def test_without_the_patch_long_strings_are_parsed():
    assert ipv6.is_valid_ipv6_address.__wrapped__(LONG_IPV6) is True


# CVE-2026-33033, CVE-2026-108147


def multipart_request(transfer_encoding):
    boundary = "otopboundary"
    headers = 'Content-Disposition: form-data; name="0"; filename="a.png"\r\nContent-Type: image/png\r\n'
    if transfer_encoding:
        headers += f"Content-Transfer-Encoding: {transfer_encoding}\r\n"
    body = (f"--{boundary}\r\n{headers}\r\nQUJD\r\n--{boundary}--\r\n").encode()
    meta = {
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(len(body)),
    }
    return meta, io.BytesIO(body)


def parse(parser_class, transfer_encoding):
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    meta, stream = multipart_request(transfer_encoding)
    original = multipartparser.Parser
    multipartparser.Parser = parser_class
    try:
        return multipartparser.MultiPartParser(meta, stream, [MemoryFileUploadHandler()]).parse()
    finally:
        multipartparser.Parser = original


def test_multipart_parts_in_base64_are_refused():
    with pytest.raises(multipartparser.MultiPartParserError):
        parse(multipartparser.Parser, "base64")
    _post, files = parse(multipartparser.Parser, None)
    assert files["0"].read() == b"QUJD"


def test_without_the_patch_base64_parts_are_decoded():
    _post, files = parse(multipartparser.Parser.__wrapped__, "base64")
    assert files["0"].read() == b"ABC"


def test_every_backport_is_applied_at_start_up():
    from django.core.handlers import base, exception
    from django.db.models.sql.query import Query
    from django.http.request import HttpRequest

    patched = [
        hashers.check_password,
        Storage.save,
        Q.__init__,
        Query.add_filtered_relation,
        Query.set_values,
        trans_real.get_supported_language_variant,
        trans_real.check_for_language,
        base.log_response,
        exception.log_response,
        text.wrap,
        html.strip_tags,
        ipv6.is_valid_ipv6_address,
        ipv6.clean_ipv6_address,
        multipartparser.Parser,
        multipartparser._parse_header_params,
        HttpRequest._set_content_type_params,
    ]
    assert [target for target in patched if not getattr(target, "otop_security_patch", False)] == []
    assert compat._security_patches_applied


def graphql_upload(transfer_encoding):
    """A GraphQL multipart request (operations, map, one file) as upload clients send it."""
    boundary = "otopboundary"
    parts = [
        ('name="operations"', "", '{"query": "{ shop { name } }", "variables": {"file": null}}'),
        ('name="map"', "", '{"0": ["variables.file"]}'),
        ('name="0"; filename="a.png"', "Content-Type: image/png\r\n", "QUJD"),
    ]
    body = ""
    for disposition, headers, content in parts:
        if disposition.startswith('name="0"') and transfer_encoding:
            headers += f"Content-Transfer-Encoding: {transfer_encoding}\r\n"
        body += f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n{headers}\r\n{content}\r\n"
    return (body + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


@pytest.mark.django_db
def test_graphql_refuses_an_upload_in_base64(client):
    body, content_type = graphql_upload("base64")
    assert client.generic("POST", "/graphql/", body, content_type=content_type).status_code == 400
    body, content_type = graphql_upload(None)
    answer = client.generic("POST", "/graphql/", body, content_type=content_type)
    assert answer.status_code == 200 and "errors" not in answer.json()


@pytest.mark.django_db
def test_without_the_patch_graphql_decodes_the_base64_upload(client, monkeypatch):
    monkeypatch.setattr(multipartparser, "Parser", multipartparser.Parser.__wrapped__)
    body, content_type = graphql_upload("base64")
    answer = client.generic("POST", "/graphql/", body, content_type=content_type)
    assert answer.status_code == 200 and "errors" not in answer.json()


# CVE-2026-84429

QUOTED_SEMICOLONS = 'multipart/form-data; boundary=x; a="' + ";" * 8000 + '"'


def rescans(function, *args):
    """How often the parser counts quotes in a prefix of the value (its quadratic step)."""
    import sys

    calls = []

    def profile(_frame, event, arg):
        if event == "c_call" and getattr(arg, "__name__", "") == "count":
            calls.append(arg)

    sys.setprofile(profile)
    try:
        result = function(*args)
    finally:
        sys.setprofile(None)
    return len(calls), result


def test_header_parameters_are_split_in_one_pass():
    count, (key, params) = rescans(multipartparser.parse_header, QUOTED_SEMICOLONS.encode())
    assert count == 0
    assert key == "multipart/form-data" and params["boundary"] == b"x" and len(params["a"]) == 8000


def test_without_the_patch_each_quoted_semicolon_rescans_the_value():
    count, _result = rescans(multipartparser._parse_header_params.__wrapped__, b";" + QUOTED_SEMICOLONS.encode())
    assert count > 8000


def test_request_content_type_does_not_use_cgi(monkeypatch, rf):
    import cgi

    def quadratic(_value):
        raise AssertionError("cgi._parseparam was used")

    monkeypatch.setattr(cgi, "_parseparam", quadratic)
    request = rf.post("/graphql/", data=b"x", content_type=QUOTED_SEMICOLONS)
    assert request.content_type == "multipart/form-data"
    assert request.content_params["boundary"] == "x"
    assert rf.post("/graphql/", data=b"{}", content_type="application/json; charset=utf-8").encoding == "utf-8"


def test_without_the_patch_the_request_content_type_goes_through_cgi(monkeypatch, rf):
    import cgi

    from django.http.request import HttpRequest

    monkeypatch.setattr(HttpRequest, "_set_content_type_params", HttpRequest._set_content_type_params.__wrapped__)
    count, request = rescans(rf.post, "/graphql/", b"x", QUOTED_SEMICOLONS)
    assert count > 8000 and request.content_type == "multipart/form-data"
    assert cgi.parse_header(QUOTED_SEMICOLONS)[1]["boundary"] == "x"


# Saleor CVE-2026-24136 (GHSA-r6fj-f4r9-36gr): orders of Saleor < 3.2 have sequential ids; the
# advisory's IDOR read them by id. 2.10.1's `order(id)` needs MANAGE_ORDERS.


@pytest.mark.django_db
def test_an_order_cannot_be_read_by_its_sequential_id(api_client):
    import base64

    from saleor.order.models import Order

    from tests import factories

    customer = factories.UserFactory(email="buyer@otop.test")
    order = Order.objects.create(user=customer, user_email=customer.email, billing_address=factories.ThaiAddressFactory())
    order_id = base64.b64encode(f"Order:{order.pk}".encode()).decode()
    content = api_client.assert_refused(
        "query ($id: ID!) { order(id: $id) { userEmail billingAddress { streetAddress1 phone } } }", {"id": order_id}
    )
    assert content["data"]["order"] is None
