"""gunicorn hooks for tests/faults: the web process sends its Celery tasks to the test's own queue."""

import os


def post_worker_init(worker):
    queue = os.environ.get("ATTEST_TEST_QUEUE")
    if queue:
        from attest.celery import app

        app.conf.task_default_queue = queue
