from plugins.export_markets.devtools.demo import demo_load
from plugins.export_markets.models import (
    ExportProfile,
    Market,
    ProductMarketEligibility,
)
from saleor_otop.demo import demo_catalogue_load


def test_demo_loads_seven_markets_and_a_profile_per_product(db):
    catalogue = demo_catalogue_load(staff_email="staff@otop-market.example", staff_password="demo-password-1", log=lambda _: None)
    lines = []
    demo_load(catalogue=catalogue, log=lines.append)
    demo_load(catalogue=catalogue, log=lines.append)
    assert set(Market.objects.values_list("country", flat=True)) >= {"TH", "JP", "CN", "US", "DE", "MY", "SG"}
    assert ExportProfile.objects.count() == len(catalogue.items)
    assert ProductMarketEligibility.objects.count() == len(catalogue.items) * Market.objects.count()
    assert lines[0] == "export markets: TH, JP, CN, US, DE, MY, SG"
