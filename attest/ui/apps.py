from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "attest.ui"
    label = "ui"
    verbose_name = "User interface"
