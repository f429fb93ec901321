"""`digiorg bench`: measure what DESIGN.md budgets ("Budgets").

Seeds the benchmark data first (`seed_bench`, skipped with --skip-seed), then requests each key
page in-process with Django's test Client (digiorg.sample.bench.measure) and prints its median
server time, its query count and its ratio to /healthz, marked against the budgets: at most 12
queries and a median under 25 ms on every key page, the national roll-up under 200 ms. Then
the key pages' throughput behind gunicorn as a ratio to /healthz (dashboards at least 20 %),
and with --baseline (a run on half the data) how much each median changed (at most 20 %).
Before measuring, the background work's plan figures are brought up to date (bulk-seeded data
has none). Then the time of an answer save (digiorg.sample.bench.answer: its snapshot work is
queued, not done in the request). Last, the memory of a large evidence upload (it must stay
flat whatever the size)."""

import json

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from digiorg.sample.bench.answer import QUERY_BUDGET as ANSWER_QUERY_BUDGET
from digiorg.sample.bench.answer import NoAnswerToSave, measure_answer_save
from digiorg.sample.bench.measure import (
    GROWTH_LIMIT,
    KEY_PAGE_MS,
    PAGE_QUERY_BUDGET,
    QUERY_BUDGET,
    QUERY_BUDGETS,
    THROUGHPUT_SHARE,
    TIME_BUDGETS_MS,
    BenchDataMissing,
    background_done,
    growth,
    measure_load,
    measure_pages,
)
from digiorg.sample.bench.upload import bench_upload

JSON_KEYS = ("median_ms", "queries", "ratio_to_healthz", "status", "budget_ok")


class Command(BaseCommand):
    help = (
        "Seed the benchmark data (unless --skip-seed), time the key pages and an upload, and "
        "print a table (or one JSON object with --json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--runs", type=int, default=20, help="Timed requests per page, after 2 warm-ups."
        )
        parser.add_argument(
            "--upload-mb", type=int, default=200, help="Size of the upload to measure (MB)."
        )
        parser.add_argument("--skip-seed", action="store_true", help="Do not run seed_bench first.")
        parser.add_argument(
            "--load-requests", type=int, default=240, metavar="N",
            help="Requests per page behind gunicorn (2 workers, 8 clients); 0 skips the load.",
        )  # fmt: skip
        parser.add_argument(
            "--baseline", metavar="FILE",
            help="The --json output of a run on half the data (seed_bench --factor 1 there, "
            "--factor 2 here): each key page's median may change by at most 20%%.",
        )  # fmt: skip
        parser.add_argument(
            "--show-queries", type=int, default=0, metavar="N",
            help="Also print each page's N slowest queries (to stderr with --json).",
        )  # fmt: skip

    def handle(self, *args, **options):
        if options["runs"] < 1:
            raise CommandError("--runs must be at least 1.")
        # with --json, stdout carries the JSON object only: progress goes to stderr
        progress = self.stderr._out if options["json"] else self.stdout._out
        if not options["skip_seed"]:
            call_command("seed_bench", stdout=progress, no_color=options.get("no_color", False))
        baseline = None
        if options["baseline"]:
            with open(options["baseline"], encoding="utf-8") as f:
                baseline = json.load(f)
        try:
            brought = background_done()
            if brought:
                progress.write(f"bench: plan figures of {brought} cycles brought up to date\n")
            pages = measure_pages(runs=options["runs"])
            save = measure_answer_save(runs=options["runs"])
            background_done()  # the answer put back left its refresh done, this is a no-op
            load = measure_load(options["load_requests"]) if options["load_requests"] else {}
        except (BenchDataMissing, NoAnswerToSave) as exc:
            raise CommandError(str(exc)) from exc
        grown = growth(pages, baseline) if baseline else {}
        save["ratio_to_healthz"] = round(
            save["median_ms"] / (pages["healthz"]["median_ms"] or 0.001), 1
        )
        upload = bench_upload(options["upload_mb"])
        if options["json"]:
            result = {key: {k: page[k] for k in JSON_KEYS} for key, page in pages.items()}
            result["answer_save"] = {k: save[k] for k in JSON_KEYS}
            result["upload"] = upload
            result["load"] = load
            result["growth"] = grown
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self._table(pages, save, upload, options["runs"])
            self._load(load, grown)
        if options["show_queries"]:
            self._slowest(pages, options["show_queries"], progress)

    def _table(self, pages: dict, save: dict, upload: dict, runs: int) -> None:
        def mark(ok: bool, width: int, note: str = "") -> str:
            """The mark in colour, padded to `width` on its plain text."""
            plain = ("ok" if ok else "OVER BUDGET") + note
            styled = (self.style.SUCCESS if ok else self.style.ERROR)(plain)
            return styled + " " * max(0, width - len(plain))

        self.stdout.write(
            f"median of {runs} requests after 2 warm-ups; budgets: <= {QUERY_BUDGET} queries and "
            f"< {KEY_PAGE_MS:g} ms per key page, national_rollup < "
            f"{TIME_BUDGETS_MS['national_rollup']:g} ms, package_search < "
            f"{TIME_BUDGETS_MS['package_search']:g} ms and <= {QUERY_BUDGETS['package_search']} queries"
        )
        self.stdout.write(
            f"{'page':<22} {'median ms':>10}  {'':<19} {'queries':>7}  {'':<12} "
            f"{'x healthz':>9}  status"
        )
        for key, page in pages.items():
            budget = page["budget_ms"]
            time_mark = (
                mark(page["median_ms"] < budget, 19, f" (< {budget:g})")
                if budget is not None
                else "-" + " " * 18
            )
            status = page["status"] if page["status"] == 200 else self.style.ERROR(page["status"])
            self.stdout.write(
                f"{key:<22} {page['median_ms']:>10.2f}  {time_mark} "
                f"{page['queries']:>7}  {mark(page['queries'] <= (page['query_budget'] or PAGE_QUERY_BUDGET), 12)} "
                f"{page['ratio_to_healthz']:>9.1f}  {status}"
            )
        self.stdout.write(
            f"answer_save (POST answer page, member) {save['median_ms']:.2f} ms median, "
            f"{save['queries']} queries ({mark(save['budget_ok'], 0)} <= {ANSWER_QUERY_BUDGET}), "
            f"{save['ratio_to_healthz']:.1f} x healthz, status {save['status']}; snapshot queued"
        )
        self.stdout.write(
            f"upload {upload['size_mb']} MB: {upload['seconds']} s, "
            f"Python peak {upload['python_peak_mb']} MB, RSS growth {upload['rss_growth_mb']} MB, "
            f"SHA-256 {'ok' if upload['sha256_ok'] else 'WRONG'}"
        )

    def _mark(self, ok: bool) -> str:
        return (self.style.SUCCESS if ok else self.style.ERROR)("ok" if ok else "MISSED")

    def _load(self, load: dict, grown: dict) -> None:
        if load:
            self.stdout.write(
                f"behind gunicorn (2 workers, 8 clients, {next(iter(load.values()))['requests']} "
                f"requests a page); budget: dashboards >= {THROUGHPUT_SHARE:.0%} of /healthz"
            )
            for key, page in load.items():
                self.stdout.write(
                    f"  {key:<22} {page['per_second']:>8.1f} req/s  {page['ratio_to_healthz']:>6.3f}"
                    f" x healthz  status {page['status']}  {self._mark(page['budget_ok'])}"
                )
        if grown:
            self.stdout.write(f"data doubled: each key page's median within {GROWTH_LIMIT:.0%}")
            for key, g in grown.items():
                self.stdout.write(
                    f"  {key:<22} {g['before_ms']:>8.2f} -> {g['after_ms']:>8.2f} ms "
                    f"({g['change']:+.0%})  {self._mark(g['budget_ok'])}"
                )

    def _slowest(self, pages: dict, n: int, out) -> None:
        for key, page in pages.items():
            out.write(f"\n{key} ({page['url']}): {page['queries']} queries, slowest first\n")
            for seconds, sql in sorted(page["sql"], key=lambda q: -q[0])[:n]:
                out.write(f"  {seconds * 1000:8.2f} ms  {sql[:600]}\n")
