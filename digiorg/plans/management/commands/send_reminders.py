"""`digiorg send_reminders`: mail the deadline reminders due today. Run it daily from cron."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from digiorg.plans.notifications import send_reminders


class Command(BaseCommand):
    help = (
        "Mail a reminder of each cycle deadline from DIGIORG_REMINDER_DAYS days before it up to "
        "the day itself. Each person gets each reminder once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="act as if today were this day, YYYY-MM-DD (default: today in Bangkok)"
        )

    def handle(self, *args, **options):
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    f"--date must be a day written YYYY-MM-DD, like 2025-01-15, "
                    f"not “{options['date']}”."
                ) from exc
        else:
            today = timezone.localdate()
        count = send_reminders(today)
        noun = "reminder" if count == 1 else "reminders"
        self.stdout.write(f"{count} {noun} sent for {today.isoformat()}.")
