from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ntm.web.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"
