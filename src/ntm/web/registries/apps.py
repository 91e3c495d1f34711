from django.apps import AppConfig


class RegistriesConfig(AppConfig):
    name = "ntm.web.registries"
    label = "registries"
    verbose_name = "Sổ theo dõi: OCOP, mô hình, thôn"
