from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "ntm.web.monitoring"
    label = "monitoring"
    verbose_name = "Chỉ tiêu theo dõi và nguồn vốn"
