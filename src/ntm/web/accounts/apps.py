from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ntm.web.accounts"
    label = "accounts"
    verbose_name = "Người dùng và vai trò"
