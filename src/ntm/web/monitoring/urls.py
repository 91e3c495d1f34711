"""Monitoring indicators and funds, under a period: /ky/<period>/theo-doi/… and …/nguon-von/."""

from __future__ import annotations

from django.urls import path

from ntm.web.monitoring import views

urlpatterns = [
    path("ky/<int:period_id>/theo-doi/", views.overview, name="monitoring"),
    path("ky/<int:period_id>/theo-doi/tinh/", views.province, name="monitoring-province"),
    path("ky/<int:period_id>/theo-doi/xa/<int:unit_id>/", views.commune, name="monitoring-commune"),
    path(
        "ky/<int:period_id>/theo-doi/chi-tieu/<str:code>/",
        views.indicator,
        name="monitoring-indicator",
    ),
    path("ky/<int:period_id>/theo-doi/nhap/", views.import_values, name="monitoring-import"),
    path("ky/<int:period_id>/theo-doi/mau/", views.template, name="monitoring-template"),
    path("ky/<int:period_id>/nguon-von/", views.funds, name="funds"),
    path("ky/<int:period_id>/nguon-von/nhap/", views.import_funds, name="funds-import"),
]
