from django.db import models


class PackStatus(models.TextChoices):
    """What a pack's build job is doing, in the words of the API."""

    QUEUED = "queued", "Queued"
    BUILDING = "building", "Building"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


# core Job status → pack status
JOB_TO_PACK_STATUS = {
    "draft": PackStatus.QUEUED,
    "queued": PackStatus.QUEUED,
    "running": PackStatus.BUILDING,
    "done": PackStatus.READY,
    "failed": PackStatus.FAILED,
}

CARD_FORMATS = ("html", "pdf", "md", "cyclonedx")
