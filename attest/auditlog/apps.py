from django.apps import AppConfig


class AuditLogConfig(AppConfig):
    name = "attest.auditlog"
    label = "auditlog"
    verbose_name = "Audit log"
