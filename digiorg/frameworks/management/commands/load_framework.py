from django.core.management.base import BaseCommand, CommandError

from digiorg.frameworks.loader import FrameworkFileError, parse_framework
from digiorg.frameworks.services import framework_load


class Command(BaseCommand):
    help = (
        "Load a framework library file (YAML or JSON), or upgrade the same URN to a newer version."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="+", help="framework file(s)")

    def handle(self, *args, **options):
        for path in options["path"]:
            try:
                result = framework_load(parse_framework(path), filename=path)
            except FrameworkFileError as exc:
                raise CommandError("\n" + "\n".join(exc.errors)) from exc
            fw = result.framework
            self.stdout.write(
                f"{fw.code} v{fw.version}: {result.outcome}; "
                f"{result.nodes} nodes, {result.criteria} criteria, {result.retired} retired"
            )
