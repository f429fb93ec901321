"""`digiorg import_catalogue`: import a unit's existing catalogue from a CKAN-compatible portal
or from the GD Catalog's Excel template, as drafts; all or nothing, every problem listed."""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from digiorg.accounts.models import User
from digiorg.catalogue.imports import import_ckan, import_excel
from digiorg.core.errors import PermissionDenied, ValidationFailed
from digiorg.org.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Import datasets into a unit as drafts, from a CKAN portal's package_search (--ckan URL) "
        "or from an Excel file in the GD Catalog template (--excel FILE). Nothing is stored if "
        "any dataset has a problem."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--ckan", metavar="URL", help="The portal's address.")
        source.add_argument("--excel", metavar="FILE", help="An .xlsx (or .csv) file.")
        parser.add_argument("--unit", required=True, help="The code of the unit that owns them.")
        parser.add_argument(
            "--organization", help="The department's code, when unit codes repeat across them."
        )
        parser.add_argument(
            "--user", required=True, help="Username of the person importing (who may write there)."
        )

    def handle(self, *args, **options):
        units = OrgUnit.objects.filter(code=options["unit"], is_active=True)
        if options["organization"]:
            units = units.filter(
                Q(organization__code=options["organization"]) | Q(code=options["organization"])
            )
        found = list(units[:2])
        if len(found) != 1:
            raise CommandError(
                f"No unit with code {options['unit']}."
                if not found
                else "Several units have this code: add --organization."
            )
        try:
            actor = User.objects.get(username=options["user"], is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"No active user {options['user']}.") from exc
        try:
            if options["ckan"]:
                report = import_ckan(options["ckan"], unit=found[0], actor=actor, private=True)
            else:
                path = Path(options["excel"])
                if not path.is_file():
                    raise CommandError(f"No file {path}.")
                with path.open("rb") as handle:
                    report = import_excel(File(handle, name=path.name), unit=found[0], actor=actor)
        except ValidationFailed as exc:
            raise CommandError(" ".join(exc.errors.values())) from exc
        except PermissionDenied as exc:
            raise CommandError(f"{actor.username} may not add datasets to this unit.") from exc
        if report.errors:
            for line in report.lines():
                self.stderr.write(line)
            raise CommandError(f"Nothing was imported: {len(report.errors)} problems.")
        self.stdout.write(f"{report.created} datasets imported as drafts into {found[0]}.")
