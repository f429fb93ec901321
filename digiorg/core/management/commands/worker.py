"""`digiorg worker`: run the background tasks (score snapshots, mail, reports).

With the database backend (the default) it runs django-tasks' database worker; with the RQ
backend (DIGIORG_TASKS_BACKEND=rq) RQ's worker with its scheduler (for deferred retries).
`--batch` runs what is queued and stops (for cron, scripts and tests)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends


class Command(BaseCommand):
    help = "Run the background tasks of the configured backend (DIGIORG_TASKS_BACKEND)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run the tasks that are due, then stop."
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="Stop after this many tasks."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0,
            help="Seconds between looks at an empty queue (database backend; default 1).",
        )  # fmt: skip

    def handle(self, *args, **options):
        backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS])
        path = f"{backend.__module__}.{backend.__qualname__}"
        verbosity = options["verbosity"]
        if path.startswith("django_tasks_db."):
            call_command(
                "db_worker", queue_name="*", batch=options["batch"],
                max_tasks=options["max_tasks"], interval=options["interval"], reload=False,
                startup_delay=False, verbosity=verbosity,
            )  # fmt: skip
        elif path.startswith("django_tasks_rq."):
            call_command(
                "rqworker", "default", job_class="django_tasks_rq.Job", burst=options["batch"],
                max_jobs=options["max_tasks"], with_scheduler=True, verbosity=verbosity,
            )  # fmt: skip
        else:
            raise CommandError(
                f"The task backend {path} has no worker to run here: it runs tasks itself, or "
                "with its own worker."
            )
