"""The home page of /staff/: the programme's targets, read from curation's programme report
(the same object `programmeReport` resolves, so the figures are the query's figures)."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from otop_kernel.staff_site import has_any_permission
from plugins.curation import selectors as curation_selectors
from plugins.curation.permissions import CurationPermissions
from plugins.curation.report import Period, ProgrammeReport
from plugins.provenance import selectors as provenance_selectors

REGION_COLOURS = ["#ea580c", "#0d9488", "#2563eb", "#9333ea", "#ca8a04", "#db2777", "#64748b"]
MONTHS_SHOWN = 12  # months of the monthly sales chart, ending with the period's last month (or this one)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day is before the first day."))
        return data

    def period(self) -> Period | None:
        if not self.is_valid():
            return None
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        return Period(start=start, end=end) if (start or end) else None


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str
    target: str
    meets_target: bool | None
    link: str = ""


def may_view_report(user) -> bool:
    return has_any_permission(user, [CurationPermissions.VIEW_OTOP_PROGRAMME_REPORT])


def programme_report(period: Period | None) -> ProgrammeReport:
    return ProgrammeReport(config=curation_selectors.curation_configuration(), period=period)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} %"


def figures(report: ProgrammeReport) -> list[Figure]:
    config = report.config
    producers_url = reverse("staff:otop_producers_producer_changelist")
    average = report.average_uplift_percent
    return [
        Figure(
            "developed_producers", str(_("Developed producers")), str(report.developed_producers_total),
            str(config.developed_producers_target),
            report.developed_producers_total >= config.developed_producers_target, f"{producers_url}?status__exact=approved",
        ),
        Figure(
            "provinces_meeting_minimum", str(_("Provinces with at least the minimum of developed producers")),
            str(report.provinces_meeting_minimum), str(len(report.provinces)),
            report.provinces_meeting_minimum >= len(report.provinces),
        ),
        Figure(
            "active_shops", str(_("Producers with an active shop")), str(report.active_shops),
            str(config.active_shops_target), report.active_shops >= config.active_shops_target,
            f"{producers_url}?status__exact=approved",
        ),
        Figure(
            "high_star_share", str(_("Share of 4-5 star products")), _percent(report.high_star_share_percent),
            f"{report.high_star_products} / {report.published_products}", None,
        ),
        Figure(
            "average_uplift", str(_("Value uplift (weighted average)")), _percent(average),
            f"+{config.value_uplift_target_percent} %",
            None if average is None else average >= config.value_uplift_target_percent,
        ),
        Figure(
            "products_at_target", str(_("Products at the uplift target")), str(report.products_at_target),
            str(report.products_with_baseline), None,
        ),
    ]


def chart_data(report: ProgrammeReport) -> dict:
    """What static/staff/dashboard.js draws (passed through json_script, no inline script)."""
    region_order = {region.code: index for index, region in enumerate(provenance_selectors.regions())}
    provinces = sorted(report.provinces, key=lambda p: (region_order.get(p.region_code, 99), p.name_en))
    colours = [REGION_COLOURS[region_order.get(p.region_code, 6) % len(REGION_COLOURS)] for p in provinces]
    regions = report.sales_by_region
    markets = report.sales_by_market
    return {
        "provinces": {
            "type": "bar",
            "labels": [p.name_th if translation.get_language() == "th" else p.name_en for p in provinces],
            "datasets": [
                {"label": str(_("Developed producers")), "data": [p.developed_producers for p in provinces], "backgroundColor": colours},
                {"label": str(_("Minimum per province")), "data": [p.minimum for p in provinces], "type": "line", "borderColor": "#111827", "pointRadius": 0},
            ],
        },
        "sales_by_region": {
            "type": "bar",
            "labels": [figure.name for figure in regions],
            "datasets": [{"label": str(_("Sales (THB)")), "data": [float(figure.sales) for figure in regions], "backgroundColor": REGION_COLOURS}],
        },
        "sales_by_market": {
            "type": "bar",
            "labels": [figure.name for figure in markets],
            "datasets": [{"label": str(_("Sales (THB)")), "data": [float(figure.sales) for figure in markets], "backgroundColor": "#0d9488"}],
        },
    }


def months(period: Period | None, today: datetime.date) -> list[Period]:
    """Calendar months ending with the period's last month (this month without one), oldest
    first, at most MONTHS_SHOWN, none before the period's start."""
    end = period.end if period is not None and period.end else today
    start = period.start if period is not None and period.start else None
    found = []
    year, month = end.year, end.month
    while len(found) < MONTHS_SHOWN:
        first = datetime.date(year, month, 1)
        last = (datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.timedelta(days=1)
        if start is not None and last < start:
            break
        found.append(Period(start=max(first, start) if start else first, end=min(last, end)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(found))


def monthly_sales(period: Period | None, today: datetime.date) -> dict:
    """Sales by region per month: the report's own figure, one report per month (two queries each)."""
    config = curation_selectors.curation_configuration()
    reports = [(month, ProgrammeReport(config=config, period=month)) for month in months(period, today)]
    regions = reports[0][1].sales_by_region if reports else []
    datasets = []
    for index, region in enumerate(regions):
        values = []
        for _month, report in reports:
            row = next((figure for figure in report.sales_by_region if figure.key == region.key), None)
            values.append(float(row.sales) if row is not None else 0.0)
        colour = REGION_COLOURS[index % len(REGION_COLOURS)]
        datasets.append({"label": region.name, "data": values, "borderColor": colour, "backgroundColor": colour})
    return {"type": "line", "labels": [month.start.strftime("%Y-%m") for month, _report in reports], "datasets": datasets}


def dashboard_callback(request, context):
    """unfold's DASHBOARD_CALLBACK: adds the report's figures and charts to the index page."""
    if not may_view_report(request.user):
        return {**context, "report_refused": True}
    form = PeriodForm(request.GET or None)
    period = form.period() if form.is_bound else None
    report = programme_report(period)
    charts = chart_data(report)
    charts["monthly_sales"] = monthly_sales(period, timezone.localdate())
    return {
        **context,
        "period_form": form,
        "report": report,
        "figures": figures(report),
        "chart_data": charts,
    }
