"""Benchmark data for the budgets of DESIGN.md, kept apart from the demo: every unit code starts
with "BENCH" or "NAT", every user name with "bench-".

Department scale: one department BENCH (under the ministry BENCH-MINISTRY) with 40 units
(divisions and their groups), a person per role, five cycles (FY 2564-2568) on the bundled
framework with assignments, 10,000 actions with criteria links and quarterly progress reports,
12,500 evidence x 4 revisions = 50,000 revisions, an assessment for every slot of every cycle,
and score snapshots taken by the real `snapshot_take` (four days per cycle, for the trend).

National scale: 2,000 departments NAT0001..NAT2000 (each under the ministry NAT-MINISTRY and
its own organization) with 14 units each, a FY 2568 cycle each and 500 assessments each:
1,000,000 CriterionAssessment rows; and the department-level ScoreSnapshot rows (latest=True)
that the national roll-up reads.

Shortcuts, on purpose (this is load, not a demo):
- Rows are written with bulk_create: no services, no signals, so no audit-log entries and no
  automatic snapshots. Everything is deterministic (fixed random seeds).
- Every revision points at one small shared stored file (SHARED_FILE) with its real SHA-256
  and size, not at 50,000 files.
- Trend: for each cycle `snapshot_take` runs on four days; the three earlier days' scores and
  progress are then scaled down (x0.55, x0.7, x0.85) so that the trend climbs. Their counts
  (applicable/answered/verified) are left as computed.
- National cycles have NO Assignment rows. Their 500 answers per department are generated
  directly (each department-scope criterion once, each unit-scope criterion by 13 or 14 of the
  department's units), so `cycle_slots` / the score API would see only the department-scope
  answers of these cycles. The national snapshots are therefore NOT taken by `snapshot_take`:
  they are computed in memory with the real scoring functions (scoring.selectors.compute_tree)
  from the generated answers, department level only (unit=None: overall, every dimension,
  topic and sub-topic), which is exactly what the national roll-up reads. No per-unit
  snapshots, actions or evidence for the national departments.

Catalogue scale (catalogue.py): 10,000 published datasets of the BENCH units with resources,
tags and visits, and a tenth as many unpublished ones, for the CKAN API's package_search.

`--factor F` scales the counts (units, actions, evidence, departments; cycles only below 1, so
that twice the department is twice each year) with small floors so that a tiny seed still has
a division with groups and a previous cycle; the number of
answers per national department (500) and revisions per evidence (4) stay fixed.
"""

from .catalogue import seed_catalogue
from .common import Say
from .department import seed_department
from .national import seed_national


def seed(scale: str = "all", factor: float = 1.0, say: Say = print) -> dict[str, dict]:
    """Seed the department scale, the national scale, the catalogue (catalogue.py) or all
    of them; each part only once."""
    times: dict[str, dict] = {}
    if scale in ("department", "all"):
        times["department"] = seed_department(factor, say)
    if scale in ("catalogue", "all"):
        times["catalogue"] = seed_catalogue(factor, say)
    if scale in ("national", "all"):
        times["national"] = seed_national(factor, say)
    return times
