"""Registry pages, under /so-theo-doi/."""

from __future__ import annotations

from django.urls import path

from ntm.web.registries import edits, summary, views

urlpatterns = [
    path("", summary.summary, name="registries"),
    path("ocop/", views.ocop_list, name="registries-ocop"),
    path("ocop/them/", views.ocop_add, name="registries-ocop-add"),
    path("ocop/nhap/", views.ocop_import, name="registries-ocop-import"),
    path("ocop/<int:rating_id>/sua/", edits.ocop_edit, name="registries-ocop-edit"),
    path("ocop/<int:rating_id>/xoa/", edits.ocop_delete, name="registries-ocop-delete"),
    path("mo-hinh/", views.initiative_list, name="registries-models"),
    path("mo-hinh/them/", views.initiative_add, name="registries-models-add"),
    path("mo-hinh/nhap/", views.initiative_import, name="registries-models-import"),
    path("mo-hinh/<int:initiative_id>/sua/", edits.initiative_edit, name="registries-models-edit"),
    path(
        "mo-hinh/<int:initiative_id>/xoa/", edits.initiative_delete, name="registries-models-delete"
    ),
    path("thon/", views.village_list, name="registries-villages"),
    path("thon/them/", views.village_add, name="registries-villages-add"),
    path("thon/danh-hieu/", views.standing_add, name="registries-standing-add"),
    path("thon/nhap/", views.village_import, name="registries-villages-import"),
    path("thon/<int:village_id>/sua/", edits.village_edit, name="registries-villages-edit"),
    path("thon/<int:village_id>/xoa/", edits.village_delete, name="registries-villages-delete"),
    path(
        "thon/danh-hieu/<int:standing_id>/sua/",
        edits.standing_edit,
        name="registries-standing-edit",
    ),
    path(
        "thon/danh-hieu/<int:standing_id>/xoa/",
        edits.standing_delete,
        name="registries-standing-delete",
    ),
]
