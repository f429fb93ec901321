"""Take today's score snapshot of every open cycle (run daily from cron)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from digiorg.cycles.models import Cycle
from digiorg.scoring.services import snapshot_take


class Command(BaseCommand):
    help = "Take the day's readiness score snapshot of every cycle that is not closed."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Day to record, YYYY-MM-DD (default today).")
        parser.add_argument("--cycle", type=int, help="Only this cycle id.")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD: {options['date']}") from exc
        cycles = Cycle.objects.exclude(status=Cycle.Status.CLOSED).select_related("framework")
        if options["cycle"]:
            cycles = Cycle.objects.filter(pk=options["cycle"]).select_related("framework")
        for cycle in cycles:
            rows = snapshot_take(cycle, day)
            self.stdout.write(f"FY {cycle.fiscal_year} ({cycle.organization_id}): {rows} rows")
