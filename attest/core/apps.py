from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "attest.core"
    label = "core"
    verbose_name = "Attest core"
