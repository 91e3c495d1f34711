"""Public pages, under /public/ (no login)."""

from __future__ import annotations

from django.urls import path

from ntm.web.public import views

urlpatterns = [
    path("", views.index, name="public-index"),
    path("xa-dat-chuan/", views.recognised, name="public-recognised"),
    path("tinh/<str:regime>/<str:province_code>/", views.province, name="public-province"),
]
