from django.apps import AppConfig


class ReadingsConfig(AppConfig):
    name = "ntm.web.readings"
    label = "readings"
    verbose_name = "Báo cáo của tỉnh, đối chiếu với ntm"
