"""Officers' journeys in Chromium: sign in, approve an application, read the dashboard (the
chart canvases draw; the figures are programmeReport's); import a round's file and watch its
progress to the end (real worker)."""
import pytest

from plugins.producer_channels.models import Producer, ProducerStatus
from tests.curation.test_programme_report import REPORT, programme  # noqa: F401
from tests.factories import StaffFactory
from tests.factories.producer_channels import ProducerFactory
from tests.otop_stars.test_import import sample_catalogue  # noqa: F401
from tests.web.conftest import DESKTOP
from tests.web.staff.test_certification import SAMPLE
from tests.web.staff.test_dashboard import graphql_report, percent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("programme")
def test_an_officer_approves_an_application_and_reads_the_dashboard(shop_page, shop_url, screenshots, staff_api_client):
    StaffFactory(
        email="officer@otop.example",
        permissions=["otop_producers.manage_otop_producers", "otop_curation.view_otop_programme_report"],
    )
    applicant = ProducerFactory(status=ProducerStatus.APPLIED, name_th="วิสาหกิจชุมชนทอผ้าไหมแพรวา", name_en="Praewa silk weavers")
    page = shop_page

    page.goto(f"{shop_url}/staff/")
    page.fill("input[name=username]", "officer@otop.example")
    page.fill("input[name=password]", "password")
    screenshots(page, "staff-sign-in")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("[data-figure=developed_producers]")

    page.goto(f"{shop_url}/staff/otop_producers/producer/?status__exact=applied")
    screenshots(page, "staff-applications")
    page.set_viewport_size(DESKTOP)  # unfold's bar of bulk actions is laid out for wide screens
    page.locator(f"input.action-select[value='{applicant.pk}']").check()
    page.select_option("select[name=action]", "approve")
    page.locator("#changelist-actions button[name=index]").click()
    page.fill("input[name=commission_rate]", "12.5")
    screenshots(page, "staff-approve")
    with page.expect_navigation():
        page.locator("form.staff-form button[type=submit]").click()
    page.wait_for_selector("main li, #main li")
    assert Producer.objects.get(pk=applicant.pk).status == ProducerStatus.APPROVED

    expected = graphql_report(staff_api_client, None)
    page.goto(f"{shop_url}/staff/")
    page.wait_for_function("document.querySelectorAll('canvas[data-drawn=true]').length === 4")
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('canvas[data-chart]')).map((canvas) => {
            const chart = window.Chart.getChart(canvas);
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted += 1; } }
            return {name: canvas.dataset.chart, bars: chart.data.datasets[0].data.length, painted, width: canvas.width};
        })"""
    )
    assert {chart["name"] for chart in drawn} == {"provinces", "sales_by_region", "sales_by_market", "monthly_sales"}
    assert all(chart["painted"] > 0 and chart["width"] > 0 for chart in drawn), drawn
    assert next(chart for chart in drawn if chart["name"] == "provinces")["bars"] == 77

    def figure(key):
        return page.locator(f"[data-figure={key}] .staff-figure__value").inner_text().strip()

    assert figure("developed_producers") == str(expected["developedProducers"]["total"])
    assert figure("active_shops") == str(expected["activeShops"]["producers"])
    assert figure("high_star_share") == percent(expected["highStarShare"]["sharePercent"])
    assert figure("average_uplift") == percent(expected["valueUplift"]["averageUpliftPercent"])
    screenshots(page, "staff-dashboard")


@pytest.mark.usefixtures("sample_catalogue")
def test_the_committee_imports_a_round_file_and_watches_it_to_the_end(celery_worker, shop_page, shop_url, screenshots):
    StaffFactory(email="committee@otop.example", permissions=["otop_stars.manage_otop_certification"])
    page = shop_page
    page.goto(f"{shop_url}/staff/login/?next=/staff/otop_stars/certificationimportjob/")
    page.fill("input[name=username]", "committee@otop.example")
    page.fill("input[name=password]", "password")
    page.locator("form button[type=submit]").click()
    page.locator("[data-staff-link=upload]").click()
    page.set_input_files("input[name=file]", str(SAMPLE))
    page.locator("form.staff-form button[type=submit]").click()
    page.wait_for_selector("#import-progress")
    page.wait_for_selector("#import-progress[data-status=succeeded] table", timeout=120_000)
    assert page.locator("#import-progress tr[data-outcome]").count() == 8
    assert page.locator("#import-bar").get_attribute("value") == page.locator("#import-bar").get_attribute("max") == "8"
    screenshots(page, "staff-import")
