"""Commune groups under a period: /ky/<period>/nhom-xa/…"""

from __future__ import annotations

from django.urls import path

from ntm.web.units import views

urlpatterns = [
    path("ky/<int:period_id>/nhom-xa/", views.groups, name="groups"),
    path("ky/<int:period_id>/nhom-xa/nhap/", views.groups_import, name="groups-import"),
    path("ky/<int:period_id>/nhom-xa/mau/", views.groups_template, name="groups-template"),
]
