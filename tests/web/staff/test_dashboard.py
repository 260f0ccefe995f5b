"""The dashboard's figures are the programme report's (`programmeReport`), for the period chosen."""
import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import Client

from tests.curation.test_programme_report import PERIOD, REPORT, programme  # noqa: F401
from tests.factories import StaffFactory
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db


def graphql_report(staff_api_client, period):
    return staff_api_client.data(REPORT, {"period": period}, permissions=["otop_curation.view_otop_programme_report"])[
        "programmeReport"
    ]


def page_figures(html: str) -> dict:
    found = re.findall(
        r'data-figure="(\w+)">\s*<div class="staff-figure__label">.*?</div>\s*'
        r'<div class="staff-figure__value">(?:<a href="[^"]*">)?([^<]*)', html, re.S,
    )
    return dict(found)


def chart_data(html: str) -> dict:
    source = re.search(r'<script id="staff-chart-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(source)


def percent(value) -> str:
    return "—" if value is None else f"{Decimal(str(value)).quantize(Decimal('0.01'))} %"


@pytest.mark.usefixtures("programme")
def test_dashboard_figures_equal_the_programme_report(officer_client, staff_api_client):
    expected = graphql_report(staff_api_client, PERIOD)
    html = officer_client.get("/staff/", {"start": PERIOD["gte"], "end": PERIOD["lte"]}).content.decode()

    figures = page_figures(html)
    developed = expected["developedProducers"]
    assert figures["developed_producers"] == str(developed["total"])
    assert figures["provinces_meeting_minimum"] == str(developed["provincesMeetingMinimum"])
    assert figures["active_shops"] == str(expected["activeShops"]["producers"])
    assert figures["high_star_share"] == percent(expected["highStarShare"]["sharePercent"])
    assert figures["average_uplift"] == percent(expected["valueUplift"]["averageUpliftPercent"])
    assert figures["products_at_target"] == str(expected["valueUplift"]["productsAtTarget"])

    charts = chart_data(html)
    assert len(charts["provinces"]["labels"]) == developed["provinceCount"] == 77
    assert sum(charts["provinces"]["datasets"][0]["data"]) == developed["total"]
    assert charts["sales_by_region"]["datasets"][0]["data"] == [
        float(row["sales"]["amount"]) for row in expected["salesByRegion"]
    ]
    assert charts["sales_by_market"]["datasets"][0]["data"] == [
        float(row["sales"]["amount"]) for row in expected["salesByMarket"]
    ]
    # The period is March 2026: one month, whose sales per region are the period's.
    assert charts["monthly_sales"]["labels"] == ["2026-03"]
    assert [dataset["data"][0] for dataset in charts["monthly_sales"]["datasets"]] == [
        float(row["sales"]["amount"]) for row in expected["salesByRegion"]
    ]


@pytest.mark.usefixtures("programme")
def test_the_period_changes_the_sales_and_a_reversed_period_is_an_error(officer_client, staff_api_client):
    all_time = chart_data(officer_client.get("/staff/").content.decode())
    march = chart_data(officer_client.get("/staff/", {"start": PERIOD["gte"], "end": PERIOD["lte"]}).content.decode())
    assert sum(all_time["sales_by_market"]["datasets"][0]["data"]) > sum(march["sales_by_market"]["datasets"][0]["data"])

    reversed_period = officer_client.get("/staff/", {"start": "2026-03-31", "end": "2026-03-01"}).content.decode()
    assert "The last day is before the first day." in reversed_period


def test_staff_without_the_report_permission_see_no_figures(client, programme):  # noqa: F811
    sign_in(client, StaffFactory())
    html = client.get("/staff/").content.decode()
    assert "staff-chart-data" not in html and "may not view the programme report" in html
    assert client.get("/staff/back-office/dashboard/export/?format=csv").status_code == 403


@pytest.mark.usefixtures("programme")
def test_the_figures_export_as_csv_and_xlsx(officer_client, staff_api_client):
    expected = graphql_report(staff_api_client, PERIOD)
    query = {"start": PERIOD["gte"], "end": PERIOD["lte"]}
    response = officer_client.get("/staff/back-office/dashboard/export/", {**query, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:2] == ["Developed producers", str(expected["developedProducers"]["total"])]
    assert len([row for row in rows if len(row) == 4 and row[1].isdigit() is False and row[2].isdigit()]) >= 77

    xlsx = officer_client.get("/staff/back-office/dashboard/export/", {**query, "format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_each_market_file_is_shown_with_its_validation_result(client):
    from tests.factories import StaffFactory

    assert sign_in(client, StaffFactory()).get("/staff/back-office/storefront/").status_code == 403
    curator = sign_in(Client(), StaffFactory(email="curator@otop.example", permissions=["otop_curation.manage_otop_curation"]))
    html = curator.get("/staff/back-office/storefront/").content.decode()
    assert html.count("data-market-file=") >= 1
    assert 'data-valid="' in html


def test_the_monthly_chart_covers_twelve_months_up_to_the_period_end_or_its_start():
    import datetime

    from plugins.curation.report import Period
    from web.staff.dashboard import months

    year = months(None, datetime.date(2026, 3, 15))
    assert len(year) == 12 and year[0].start == datetime.date(2025, 4, 1) and year[-1].end == datetime.date(2026, 3, 15)
    spring = months(Period(start=datetime.date(2026, 2, 10), end=datetime.date(2026, 4, 5)), datetime.date(2026, 6, 1))
    assert [(m.start, m.end) for m in spring] == [
        (datetime.date(2026, 2, 10), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
        (datetime.date(2026, 4, 1), datetime.date(2026, 4, 5)),
    ]
