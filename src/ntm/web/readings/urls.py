"""Provincial reports read and compared with ntm (issue #15.1)."""

from __future__ import annotations

from django.urls import path

from ntm.web.readings import views

urlpatterns = [
    path("bao-cao-tinh/", views.report_list, name="readings"),
    path("bao-cao-tinh/<int:report_id>/", views.report_detail, name="reading"),
    path("bao-cao-tinh/<int:report_id>/tep/", views.report_file, name="reading-file"),
    path("bao-cao-tinh/<int:report_id>/nam/", views.report_year, name="reading-year"),
    path("bao-cao-tinh/<int:report_id>/xoa/", views.report_delete_view, name="reading-delete"),
]
