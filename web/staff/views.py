"""The back office's own pages beside the admin site: the language choice and the dashboard's
export. Each is wrapped by `staff_site.admin_view` (active staff only) in urls.py."""
import csv
import io

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import dashboard

LANGUAGE_COOKIE_AGE = 365 * 24 * 3600


def language_links(request) -> list:
    """unfold's SITE_DROPDOWN: one link per back-office language, and the storefront files."""
    here = request.get_full_path()
    return [
        *({"title": name, "icon": "translate", "link": f"{reverse('staff_pages:language', args=[code])}?next={here}"}
          for code, name in settings.STAFF_LANGUAGES),
        {"title": _("Storefront configuration per market"), "icon": "storefront", "link": reverse("staff_pages:storefront_config")},
    ]


def language_set(request, code):
    codes = [language for language, _name in settings.STAFF_LANGUAGES]
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = reverse("staff:index")
    response = HttpResponseRedirect(target)
    if code in codes:
        response.set_cookie(
            settings.STAFF_LANGUAGE_COOKIE, code, max_age=LANGUAGE_COOKIE_AGE, samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE, httponly=True,
        )
    return response


def _rows(report) -> list:
    rows = [[_("Figure"), _("Value"), _("Target")]]
    rows += [[figure.label, figure.value, figure.target] for figure in dashboard.figures(report)]
    rows.append([])
    rows.append([_("Province"), _("Region"), _("Developed producers"), _("Minimum per province")])
    rows += [[p.name_en, p.region_code, p.developed_producers, p.minimum] for p in report.provinces]
    rows.append([])
    rows.append([_("Region or market"), _("Orders"), _("Units"), _("Sales (THB)")])
    rows += [[f.name, f.orders, f.units, f.sales] for f in [*report.sales_by_region, *report.sales_by_market]]
    return rows


def dashboard_export(request):
    if not dashboard.may_view_report(request.user):
        return HttpResponseForbidden(_("Your account may not view the programme report."))
    form = dashboard.PeriodForm(request.GET)
    report = dashboard.programme_report(form.period())
    rows = _rows(report)
    if request.GET.get("format") == "xlsx":
        import xlsxwriter

        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet("OTOP")
        for index, row in enumerate(rows):
            sheet.write_row(index, 0, [str(value) if not isinstance(value, (int, float)) else value for value in row])
        workbook.close()
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="otop-programme-report.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="otop-programme-report.csv"'
    response.write("\ufeff")  # spreadsheet programs read the file as UTF-8 (Thai names)
    csv.writer(response).writerows(rows)
    return response


def storefront_config(request):
    """Each market's storefront file with its validation result (schema, translations, and the
    collections, provinces and producers it names)."""
    from django.core.exceptions import PermissionDenied
    from django.template.response import TemplateResponse

    from otop_kernel.staff_site import has_any_permission, staff_site
    from plugins.curation.permissions import CurationPermissions
    from storefront_config import loader
    from storefront_config import selectors as config_selectors

    if not has_any_permission(request.user, [CurationPermissions.MANAGE_OTOP_CURATION]):
        raise PermissionDenied
    problems = config_selectors.all_problems()
    markets = []
    configs = loader.market_configs()
    for path in loader.market_files(loader.markets_dir()):
        config = configs.configs.get(path.stem)
        markets.append({
            "file": path.name,
            "config": config,
            "problems": [problem for problem in problems if problem.file.endswith(path.name)],
        })
    context = {**staff_site.each_context(request), "title": _("Storefront configuration per market"), "markets": markets}
    request.current_app = staff_site.name
    return TemplateResponse(request, "staff/storefront_config.html", context)
