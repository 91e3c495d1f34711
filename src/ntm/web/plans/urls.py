"""Plan targets and the report the office sends, under a period."""

from __future__ import annotations

from django.urls import path

from ntm.web.plans import views

urlpatterns = [
    path("ky/<int:period_id>/chi-tieu-ke-hoach/", views.targets, name="plan-targets"),
    path(
        "ky/<int:period_id>/chi-tieu-ke-hoach/<int:target_id>/xoa/",
        views.target_delete_view,
        name="plan-target-delete",
    ),
    path("ky/<int:period_id>/bao-cao-gui/", views.office_report, name="office-report"),
]
