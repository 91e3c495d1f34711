from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ntm.web.api"
    label = "ntm_api"
    verbose_name = "API"
