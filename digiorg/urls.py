from django.contrib import admin
from django.urls import include, path

from digiorg.accounts.views import admin_login, language_set
from digiorg.audit.views import audit_index
from digiorg.core.views import healthz
from digiorg.home.views import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("language/", language_set, name="language-set"),
    path("frameworks/", include("digiorg.frameworks.urls")),
    path("units/", include("digiorg.org.urls")),
    path("people/", include("digiorg.accounts.urls")),
    path("cycles/", include("digiorg.cycles.urls")),
    path("plans/", include("digiorg.plans.urls")),
    path("dashboards/", include("digiorg.dashboards.urls")),
    path("evidence/", include("digiorg.evidence.urls")),
    path("reports/", include("digiorg.reports.urls")),
    path("assessments/", include("digiorg.assessments.urls")),
    path("audit/", audit_index, name="audit"),
    path("api/v1/", include("digiorg.api.urls")),
    path("catalogue/", include("digiorg.catalogue.urls")),
    path("indicators/", include("digiorg.indicators.urls")),
    path("p/data/", include("digiorg.catalogue.public_urls")),
    path("", include("digiorg.catalogue.ckan_urls")),
    path("", include("digiorg.catalogue.dcat_urls")),
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
]

# The site's own error pages (Thai and English, with the menu and a way on).
handler403 = "digiorg.core.error_pages.permission_denied"
handler404 = "digiorg.core.error_pages.page_not_found"
handler500 = "digiorg.core.error_pages.server_error"
