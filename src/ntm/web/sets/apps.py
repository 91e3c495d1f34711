from django.apps import AppConfig


class SetsConfig(AppConfig):
    name = "ntm.web.sets"
    label = "sets"
    verbose_name = "Bộ tiêu chí do văn phòng soạn"
