from celery import shared_task

from . import services


@shared_task
def end_expired_engagements() -> int:
    """Engagements whose period is over lose their grants (hourly, from beat)."""
    return services.end_expired_engagements()
