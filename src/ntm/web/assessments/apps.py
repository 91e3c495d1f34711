from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "ntm.web.assessments"
    label = "assessments"
    verbose_name = "Đánh giá tiêu chí"
