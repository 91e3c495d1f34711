"""Plan targets and the report the office sends, under a period."""

from __future__ import annotations

from django.urls import path

from ntm.web.plans import funding_views, target_views, views

urlpatterns = [
    path("ky/<int:period_id>/chi-tieu-ke-hoach/", views.targets, name="plan-targets"),
    path(
        "ky/<int:period_id>/chi-tieu-ke-hoach/<int:target_id>/xoa/",
        views.target_delete_view,
        name="plan-target-delete",
    ),
    path(
        "ky/<int:period_id>/chi-tieu-ke-hoach/<int:target_id>/sua/",
        target_views.target_edit,
        name="plan-target-edit",
    ),
    path("ky/<int:period_id>/bao-cao-gui/", views.office_report, name="office-report"),
    path("ky/<int:period_id>/phuong-an-von/", funding_views.funding_plan, name="funding-plan"),
    path(
        "ky/<int:period_id>/phuong-an-von/nhap-don-gia/",
        funding_views.funding_costs_import,
        name="funding-costs-import",
    ),
]
