"""`digiorg report --cycle FY --format pdf|docx|xlsx|pack [--unit CODE] -o FILE`."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from digiorg.cycles.models import Cycle
from digiorg.org.models import OrgUnit
from digiorg.reports.data import report_data
from digiorg.reports.render import FORMATS, render_to


class Command(BaseCommand):
    help = "Write a report of a fiscal year: readiness PDF, memo (docx), workbook (xlsx) or survey pack (zip)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cycle", type=int, required=True, help="Fiscal year (B.E.), e.g. 2568."
        )
        parser.add_argument("--format", choices=sorted(FORMATS), required=True)
        parser.add_argument(
            "--unit", help="Unit code: the report of that unit and the units below it."
        )
        parser.add_argument("--organization", help="Department code, when there is more than one.")
        parser.add_argument("--language", choices=["th", "en"], default="th")
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, **options):
        cycles = Cycle.objects.filter(fiscal_year=options["cycle"]).select_related("organization")
        if options["organization"]:
            cycles = cycles.filter(organization__code=options["organization"])
        found = list(cycles[:2])
        if not found:
            raise CommandError(f"No cycle for fiscal year {options['cycle']}.")
        if len(found) > 1:
            raise CommandError(
                "Several departments have this fiscal year: give --organization CODE."
            )
        cycle = found[0]
        unit = None
        if options["unit"]:
            unit = OrgUnit.objects.filter(
                organization=cycle.organization, code=options["unit"]
            ).first()
            if unit is None:
                raise CommandError(f"No unit {options['unit']} in {cycle.organization.code}.")
        with translation.override(options["language"]):
            data = report_data(cycle, unit, language=options["language"])
            with open(options["output"], "wb") as out:
                render_to(data, options["format"], out)
        self.stdout.write(f"wrote {options['output']}")
