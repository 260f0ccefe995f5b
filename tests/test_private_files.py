"""Every file the project writes (payout files, CN23 PDFs of a whole order and of a parcel) is
private: outside MEDIA_ROOT, 0600, under an unguessable name, never reachable as media, and
downloaded only through views that check who asks."""
import importlib
import re
import stat
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve
from graphene import Node
from graphql_jwt.shortcuts import get_token

from otop_kernel.private_files import private_storage
from plugins.export_markets.models import ExportProfile
from plugins.producer_channels.models import LedgerEntry, MemberRole, PayoutRun
from saleor_otop import environment
from tests import factories
from tests.factories import OrderFactory, OrderLineFactory
from tests.factories.export_markets import make_member, otop_product
from tests.factories.producer_channels import (
    MemberFactory,
    ProducerFactory,
    pay,
    placed_order,
    producer_product,
    producer_with_owner,
)
from tests.graphql_client import GraphQLClient

MANAGE_PAYOUTS = "otop_producers.manage_otop_payouts"
RUN_PAYOUTS = "mutation { producerPayoutRunCreate { run { id fileUrl } } }"
RENDER = "mutation($id: ID!, $producer: ID) { orderCustomsDeclarationRender(orderId: $id, producerId: $producer) { queued } }"


def gid(type_name, pk):
    return Node.to_global_id(type_name, pk)


@pytest.fixture
def written(db, client, settings, tmp_path, django_capture_on_commit_callbacks):
    """Make the project write each kind of file it writes, through the API."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    factories.ShippingZoneFactory(countries=["TH"])
    producer, owner = producer_with_owner(promptpay_id="0899999999")
    _, variant = producer_product(producer)
    order = placed_order([(variant, 1)])
    pay(order)
    LedgerEntry.objects.update(available_on=order.created)
    finance = factories.StaffFactory()
    run = GraphQLClient(client, user=finance).data(RUN_PAYOUTS, permissions=[MANAGE_PAYOUTS])["producerPayoutRunCreate"]["run"]

    exporter = ProducerFactory(slug="exporter")
    exporter_owner = factories.UserFactory()
    make_member(exporter, exporter_owner)
    abroad = OrderFactory(shipping_address=factories.ThaiAddressFactory(country="JP"))
    OrderLineFactory(order=abroad, variant=factories.ProductVariantFactory(product=otop_product(producer=exporter)))
    ExportProfile.objects.update(customs_description_en="Dried mango")
    export_staff = factories.StaffFactory(permissions=["otop_export.manage_otop_export"])
    with django_capture_on_commit_callbacks(execute=True):
        GraphQLClient(client, user=export_staff).data(RENDER, {"id": gid("Order", abroad.pk)})
        GraphQLClient(client, user=exporter_owner).data(RENDER, {"id": gid("Order", abroad.pk)})
    return {
        "run": PayoutRun.objects.get(pk=Node.from_global_id(run["id"])[1]), "file_url": run["fileUrl"],
        "producer_owner": owner, "producer": producer, "finance": finance, "abroad": abroad,
        "exporter": exporter, "exporter_owner": exporter_owner, "export_staff": export_staff,
    }


def private_files(root) -> list:
    return [path for path in Path(root).rglob("*") if path.is_file()]


def test_each_kind_of_file_is_written_privately(written, settings):
    files = private_files(settings.OTOP_PRIVATE_ROOT)

    assert len(files) == 3, files  # the payout file, the whole-order CN23, the producer's parcel CN23
    media = Path(settings.MEDIA_ROOT).resolve()
    for path in files:
        assert media not in path.resolve().parents
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700, path.parent
        assert re.match(r"^[A-Za-z0-9_-]{32}-(otop-payouts-.*\.csv|cn23-order-\d+\.pdf)$", path.name), path.name
    assert len({path.name[:32] for path in files}) == len(files)
    assert not (Path(settings.MEDIA_ROOT).exists() and any(Path(settings.MEDIA_ROOT).rglob("*")))


def test_no_file_is_reachable_as_media(written, settings, client):
    root = Path(settings.OTOP_PRIVATE_ROOT)
    for path in private_files(root):
        name = str(path.relative_to(root))
        assert client.get(settings.MEDIA_URL + name).status_code == 404
        for served_name in (name, f"../{root.name}/{name}", str(path)):
            # What DEBUG's media route (and any server of MEDIA_ROOT) does with the name.
            with pytest.raises((Http404, SuspiciousFileOperation)):
                serve(RequestFactory().get("/"), served_name, document_root=settings.MEDIA_ROOT)


def download(client, url, user=None):
    headers = {"HTTP_AUTHORIZATION": f"JWT {get_token(user)}"} if user else {}
    return client.get(url, **headers)


def test_payout_file_downloads_only_for_finance_staff(written, client):
    url = written["file_url"]
    producer_staff = MemberFactory(producer=written["producer"], role=MemberRole.STAFF).user
    others = {
        "customer": factories.UserFactory(), "producer owner": written["producer_owner"],
        "producer staff": producer_staff, "staff without the permission": factories.StaffFactory(),
    }

    assert download(client, url).status_code == 401
    for name, user in others.items():
        assert download(client, url, user).status_code == 404, name
    response = download(client, url, written["finance"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == written["run"].file_content.encode("utf-8-sig")
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]


def test_cn23_downloads_per_kind_of_user(written, client):
    order = written["abroad"]
    whole = f"/otop/export/orders/{order.pk}/cn23.pdf"
    parcel = f"{whole}?producer={gid('Producer', written['exporter'].pk)}"
    orders_staff = factories.StaffFactory(permissions=["order.manage_orders"])

    assert download(client, whole).status_code == 401
    assert download(client, whole, factories.UserFactory()).status_code == 404
    assert download(client, whole, written["producer_owner"]).status_code == 404, "a producer not in the order"
    assert download(client, whole, factories.StaffFactory()).status_code == 404
    assert download(client, whole, written["exporter_owner"]).status_code == 200, "its own parcel"
    assert download(client, parcel, written["exporter_owner"]).status_code == 200
    assert download(client, whole, orders_staff).status_code == 200
    assert download(client, whole, written["export_staff"]).status_code == 200


def test_a_revoked_token_downloads_nothing(written, client):
    finance = written["finance"]
    token = get_token(finance)
    finance.set_password("another-passphrase-4")
    finance.save()

    assert client.get(written["file_url"], HTTP_AUTHORIZATION=f"JWT {token}").status_code == 401


def test_old_payout_files_move_out_of_media(db, settings, tmp_path):
    old = tmp_path / "media" / "otop-payouts" / "otop-payouts-20260101-run1.csv"
    old.parent.mkdir(parents=True)
    run = PayoutRun.objects.create(as_of="2026-01-01T00:00:00Z", file_content="reference,amount\nP1,10.00\n", file_name=str(old))
    old.write_bytes(run.file_content.encode("utf-8-sig"))
    migration = importlib.import_module("plugins.producer_channels.migrations.0002_payout_files_private")

    migration.payout_files_to_private_storage(apps, None)

    run.refresh_from_db()
    assert not old.exists()
    assert run.file_name.startswith("otop-payouts/")
    assert private_storage().open(run.file_name).read() == run.file_content.encode("utf-8-sig")


def test_private_root_inside_media_root_stops_start_up(monkeypatch, tmp_path):
    monkeypatch.setenv("OTOP_PRIVATE_ROOT", str(tmp_path / "media" / "private"))

    with pytest.raises(environment.EnvironmentSettingError, match="OTOP_PRIVATE_ROOT: .* overlaps MEDIA_ROOT"):
        environment.private_root("OTOP_PRIVATE_ROOT", default="", public_roots={"MEDIA_ROOT": str(tmp_path / "media")})


def test_private_bucket_storage_is_private(settings):
    settings.OTOP_PRIVATE_S3_BUCKET = "otop-private"

    storage = private_storage()

    assert (storage.bucket_name, storage.default_acl, storage.file_overwrite) == ("otop-private", "private", False)
    with pytest.raises(ValueError, match="no public address"):
        storage.url("otop-payouts/x.csv")
