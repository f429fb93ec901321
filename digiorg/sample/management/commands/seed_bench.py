"""`digiorg seed_bench`: the data the benchmarks of DESIGN.md ("Budgets") need, apart from the
demo (unit codes BENCH* and NAT*, users bench-*). Running it again adds nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from digiorg.sample.bench.common import sizes_for
from digiorg.sample.bench.seed import seed


class Command(BaseCommand):
    help = (
        "Seed the benchmark data: the department scale (BENCH: 40 units, 5 cycles, 10,000 "
        "actions, 50,000 evidence revisions) and the national scale (NAT0001..NAT2000, "
        "1,000,000 assessments), and the catalogue (10,000 published datasets). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", choices=["department", "national", "catalogue", "all"], default="all",
            help="Which part to seed (default: all).",
        )  # fmt: skip
        parser.add_argument(
            "--factor", type=float, default=1.0,
            help="Scale every count by this factor (0.01 for a tiny seed; default 1.0).",
        )  # fmt: skip

    def handle(self, *args, **options):
        factor = options["factor"]
        if factor <= 0:
            raise CommandError("--factor must be greater than 0.")
        sizes = sizes_for(factor)
        self.stdout.write(f"seed_bench: scale {options['scale']}, factor {factor:g} ({sizes})")
        times = seed(options["scale"], factor, say=self.stdout.write)
        done = {part: t["total"] for part, t in times.items() if t}
        if done:
            # fresh statistics after a bulk load, so the planner picks the right indexes; on
            # PostgreSQL also the visibility map, so counts can be answered from an index alone
            # as on a database that autovacuum has kept
            with connection.cursor() as cursor:
                # VACUUM cannot run inside a transaction (a test's): ANALYZE alone there
                vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
                cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
            summary = ", ".join(f"{part} {seconds:.1f} s" for part, seconds in done.items())
            self.stdout.write(self.style.SUCCESS(f"seed_bench done: {summary}"))
        else:
            self.stdout.write("seed_bench: the benchmark data is already there, nothing added.")
