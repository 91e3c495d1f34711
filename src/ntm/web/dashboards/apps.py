from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "ntm.web.dashboards"
    label = "dashboards"
    verbose_name = _("Bảng tổng hợp và bản đồ")
