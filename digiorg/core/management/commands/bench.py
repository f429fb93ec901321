"""`digiorg bench`: measure what DESIGN.md budgets. Today: the memory of a large evidence
upload (it must stay flat whatever the file size)."""

import json

from django.core.management.base import BaseCommand

from digiorg.evidence.bench import bench_upload


class Command(BaseCommand):
    help = "Measure key budgets and print a table (or one JSON object with --json)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--upload-mb", type=int, default=200, help="Size of the upload to measure (MB)."
        )

    def handle(self, *args, **options):
        results = {"upload": bench_upload(options["upload_mb"])}
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False))
            return
        upload = results["upload"]
        self.stdout.write(
            f"upload {upload['size_mb']} MB: {upload['seconds']} s, "
            f"Python peak {upload['python_peak_mb']} MB, RSS growth {upload['rss_growth_mb']} MB, "
            f"SHA-256 {'ok' if upload['sha256_ok'] else 'WRONG'}"
        )
