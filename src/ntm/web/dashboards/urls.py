"""Dashboard, report downloads, the map and the commune history (Vietnamese paths)."""

from __future__ import annotations

from django.urls import path

from ntm.web.dashboards import national, views

urlpatterns = [
    path("tong-hop/", views.dashboard, name="dashboard"),
    path("tong-hop/ca-nuoc/", national.national, name="dashboard-national"),
    path("tong-hop/bao-cao/", views.dashboard_report, name="dashboard-report"),
    path("tong-hop/ban-do/", views.map_data, name="dashboard-map-data"),
    path("tong-hop/ban-do/tai-len/", views.map_upload, name="dashboard-map-upload"),
    path("xa/<int:unit_id>/lich-su/", views.commune_page, name="commune-history"),
]
