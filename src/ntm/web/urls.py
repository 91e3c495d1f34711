"""URL map. Vietnamese paths for people; the API under /api/."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ntm.web import views
from ntm.web.api.api import api
from ntm.web.assessments import province_views, transfer_views
from ntm.web.assessments import views as av
from ntm.web.audit import views as audit_views

admin.site.site_header = "ntm — Quản trị"
admin.site.site_title = "ntm"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", av.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ky/<int:period_id>/", av.period_detail, name="period"),
    path("ky/<int:period_id>/trang-thai/", av.period_state, name="period-state"),
    path("ky/<int:period_id>/xa/<int:unit_id>/", av.commune, name="commune"),
    path("ky/<int:period_id>/xa/<int:unit_id>/xem-truoc/", av.commune_preview, name="preview"),
    path(
        "ky/<int:period_id>/xa/<int:unit_id>/minh-chung/", av.evidence_upload, name="evidence-add"
    ),
    path("minh-chung/<int:evidence_id>/", av.evidence_download, name="evidence"),
    path("ky/<int:period_id>/cap-tinh/", province_views.province_level, name="province-level"),
    path(
        "ky/<int:period_id>/cap-tinh/xem-truoc/",
        province_views.province_preview,
        name="province-preview",
    ),
    path(
        "ky/<int:period_id>/cap-tinh/minh-chung/",
        province_views.province_evidence,
        name="province-evidence-add",
    ),
    path("ky/<int:period_id>/nhap/", transfer_views.import_upload, name="import"),
    path(
        "ky/<int:period_id>/nhap/<int:batch_id>/",
        transfer_views.import_commit,
        name="import-commit",
    ),
    path("ky/<int:period_id>/xuat/", transfer_views.export_template, name="export"),
    path("nhat-ky/xa/<int:unit_id>/", audit_views.audit_commune, name="audit-commune"),
    path(
        "nhat-ky/ky/<int:period_id>/chi-tieu/<str:code>/",
        audit_views.audit_indicator,
        name="audit-indicator",
    ),
    path("quan-tri/", admin.site.urls),
    path("api/", api.urls),
    path("cong-nhan/", include("ntm.web.recognition.urls")),
    path("public/", include("ntm.web.public.urls")),
    path("", include("ntm.web.monitoring.urls")),
    path("so-theo-doi/", include("ntm.web.registries.urls")),
    path("", include("ntm.web.units.urls")),
    path("", include("ntm.web.sets.urls")),
    path("", include("ntm.web.plans.urls")),
    path("", include("ntm.web.dashboards.urls")),
    path("", include("ntm.web.readings.urls")),
]

handler403 = "ntm.web.errors.forbidden"
handler404 = "ntm.web.errors.not_found"
handler500 = "ntm.web.errors.server_error"
