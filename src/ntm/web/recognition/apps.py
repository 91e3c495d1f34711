from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "ntm.web.recognition"
    label = "recognition"
    verbose_name = "Công nhận xã đạt chuẩn"
