from django.core.management.base import BaseCommand
from django.db import transaction

from attest.core.registry import seeders


class Command(BaseCommand):
    help = "Loads or updates the catalogs (frameworks, controls, threats). Safe to run again."

    def handle(self, *args, **options):
        if not seeders:
            self.stdout.write("No catalogs are registered yet; nothing to load.")
        for hook in sorted(seeders, key=lambda h: h.order):
            with transaction.atomic():
                hook.func(self.stdout.write)
            self.stdout.write(f"Loaded catalog: {hook.name}")
