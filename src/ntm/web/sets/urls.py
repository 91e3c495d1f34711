"""The set pages of a period: /ky/<period>/bo-tieu-chi/…"""

from __future__ import annotations

from django.urls import path

from ntm.web.sets import national, periods_views, views

urlpatterns = [
    path("bo-tieu-chi/", national.sets_list, name="sets-national"),
    path("ky/tao/", periods_views.periods_new, name="periods-new"),
    path("bo-tieu-chi/mac-dinh/", national.national_default, name="sets-default"),
    path("bo-tieu-chi/<slug:code>/soan/", national.national_edit, name="sets-national-edit"),
    path("ky/<int:period_id>/bo-tieu-chi/", views.set_overview, name="set-overview"),
    path("ky/<int:period_id>/bo-tieu-chi/bien-the/", views.variant_start, name="set-start"),
    path("ky/<int:period_id>/bo-tieu-chi/soan/", views.set_edit, name="set-edit"),
    path("ky/<int:period_id>/bo-tieu-chi/gan/", views.set_attach, name="set-attach"),
    path("ky/<int:period_id>/bo-tieu-chi/thi-diem/", views.set_pilot, name="set-pilot"),
]
