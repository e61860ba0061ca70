# Celery discovers tasks per app; the evidence collector's live in compliance/evidence/tasks.py.
from .evidence.tasks import collect_due_sources, notify_stale_evidence  # noqa: F401
