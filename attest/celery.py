import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "attest.settings")

app = Celery("attest")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
