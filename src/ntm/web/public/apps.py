from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "ntm.web.public"
    label = "public"
    verbose_name = "Trang công khai"
