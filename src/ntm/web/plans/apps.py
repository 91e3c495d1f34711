from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "ntm.web.plans"
    label = "plans"
    verbose_name = "Chỉ tiêu kế hoạch và báo cáo gửi đi"
