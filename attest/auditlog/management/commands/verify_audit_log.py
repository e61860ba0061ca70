from django.core.management.base import BaseCommand, CommandError

from attest.auditlog.chain import verify_chain


class Command(BaseCommand):
    help = "Checks the audit log's hash chain; exits non-zero and names the first broken event."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"Audit log is broken after {report.checked} good events: {report.problem}")
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {report.checked} events chained."))
