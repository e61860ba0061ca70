from celery import shared_task

from . import services


@shared_task(acks_late=True)
def lapse_expired_acceptances() -> int:
    return len(services.lapse_expired_acceptances())
