"""Recognition pages, under /cong-nhan/."""

from __future__ import annotations

from django.urls import path

from ntm.web.recognition import views

urlpatterns = [
    path("hang-cho/", views.queue, name="recognition-queue"),
    path("van-phong/", views.office, name="recognition-office"),
    path("thu-hoi/", views.revocations, name="recognition-revocations"),
    path("ky/<int:period_id>/ra-soat-thu-hoi/", views.flag, name="recognition-flag"),
    path("ky/<int:period_id>/xa/<int:unit_id>/", views.commune, name="recognition-commune"),
    path("ky/<int:period_id>/xa/<int:unit_id>/gui/", views.submit, name="recognition-submit"),
    path("ho-so/<int:submission_id>/", views.submission, name="recognition-submission"),
    path(
        "ho-so/<int:submission_id>/tieu-chi/<int:number>/", views.review, name="recognition-review"
    ),
    path("ho-so/<int:submission_id>/tham-tra/", views.review_all, name="recognition-review-all"),
    path("ho-so/<int:submission_id>/tham-dinh/", views.appraise, name="recognition-appraise"),
    path("ho-so/<int:submission_id>/quyet-dinh/", views.decide, name="recognition-decide"),
    path("ho-so/<int:submission_id>/thu-hoi/", views.revoke, name="recognition-revoke"),
]
