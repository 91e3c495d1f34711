"""Registry pages, under /so-theo-doi/."""

from __future__ import annotations

from django.urls import path

from ntm.web.registries import summary, views

urlpatterns = [
    path("", summary.summary, name="registries"),
    path("ocop/", views.ocop_list, name="registries-ocop"),
    path("ocop/them/", views.ocop_add, name="registries-ocop-add"),
    path("ocop/nhap/", views.ocop_import, name="registries-ocop-import"),
    path("mo-hinh/", views.initiative_list, name="registries-models"),
    path("mo-hinh/them/", views.initiative_add, name="registries-models-add"),
    path("mo-hinh/nhap/", views.initiative_import, name="registries-models-import"),
    path("thon/", views.village_list, name="registries-villages"),
    path("thon/them/", views.village_add, name="registries-villages-add"),
    path("thon/danh-hieu/", views.standing_add, name="registries-standing-add"),
    path("thon/nhap/", views.village_import, name="registries-villages-import"),
]
