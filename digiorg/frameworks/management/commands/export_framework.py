import json
import sys

import yaml
from django.core.management.base import BaseCommand, CommandError

from digiorg.frameworks.models import Framework
from digiorg.frameworks.selectors import framework_document


def dump(doc: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


class Command(BaseCommand):
    help = (
        "Write a loaded framework as a library file; loading the output gives the same framework."
    )

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        framework = Framework.objects.filter(code=options["code"]).first()
        if framework is None:
            known = ", ".join(Framework.objects.values_list("code", flat=True)) or "-"
            raise CommandError(f"no framework with code {options['code']!r} (loaded: {known})")
        text = dump(framework_document(framework), options["format"])
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text)
        else:
            sys.stdout.write(text)
