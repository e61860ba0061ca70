from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "attest.accounts"
    label = "accounts"
    verbose_name = "Users and teams"

    def ready(self):
        from attest.core.registry import register_demo_builder

        from . import demo
        from .services import sync_team_role_permissions

        # Roles are code; migrating brings every team's role groups in line with it.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="attest-sync-team-roles")
        register_demo_builder(order=10, name="accounts", func=demo.build)
        self._sync = sync_team_role_permissions


def _sync_roles(sender, **kwargs):
    sender._sync()
