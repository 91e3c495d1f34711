from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "ntm.web.units"
    label = "units"
    verbose_name = "Đơn vị hành chính"
