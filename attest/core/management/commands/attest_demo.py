from django.core.management.base import BaseCommand
from django.db import transaction

from attest.core.registry import demo_builders


class Command(BaseCommand):
    help = "Loads demo teams, users and inventory (idempotent) and prints the demo logins."

    def handle(self, *args, **options):
        ctx: dict = {}
        with transaction.atomic():
            for hook in sorted(demo_builders, key=lambda h: h.order):
                hook.func(ctx, self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (username / password):"))
        for username, password, purpose in ctx.get("logins", []):
            self.stdout.write(f"  {username:<8} / {password}   {purpose}")
