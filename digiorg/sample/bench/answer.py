"""Time an answer save at department scale: POST to the answer page as the bench member (a
member of the first division) on one of the division's draft answers, each save changing the
answer, the median of `runs` after warm-ups. The save queues its snapshot refresh with the
configured task backend (the database by default) and does not compute it: the figure is what
the person waits for. Afterwards the answer is put back and the queued refresh runs once
(`digiorg worker --batch`), so the bench leaves the data as it found it."""

import contextlib
import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from digiorg.accounts.models import Membership, User
from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.services import assessment_save
from digiorg.cycles.models import Cycle

from .common import DEPARTMENT_CODE, MEMBER

A = CriterionAssessment
QUERY_BUDGET = 30  # a fixed count, asserted at two sizes in tests/test_background_snapshots.py
RESULTS = (A.Result.NOT_MET, A.Result.NOT_APPLICABLE)  # no evidence needed, each save a change


class NoAnswerToSave(LookupError):
    pass


def measure_answer_save(runs: int = 20, warmups: int = 2) -> dict[str, Any]:
    """{"median_ms", "queries", "status", "budget_ok", "url"} of saving one answer."""
    membership = Membership.objects.filter(user__username=MEMBER).select_related("user").first()
    cycle = (
        Cycle.objects.filter(organization__code=DEPARTMENT_CODE).order_by("-fiscal_year").first()
    )
    target = (
        A.objects.filter(cycle=cycle, unit_id=membership.unit_id, status=A.Status.DRAFT)
        .select_related("criterion", "unit")
        .order_by("pk")
        .first()
        if membership and cycle
        else None
    )
    if membership is None or cycle is None or target is None:
        raise NoAnswerToSave("No draft answer of the bench member: run `digiorg seed_bench`.")
    original = (target.result, target.note, list(target.evidence.all()))
    url = reverse("assessments:answer", args=[cycle.pk, target.criterion_id, target.unit_id])
    client = Client()
    client.force_login(membership.user)
    statuses, times, queries = [], [], 0
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        client.get(url)  # the session's first request
        for n in range(warmups + 1 + runs):
            version = A.objects.filter(pk=target.pk).values_list("version", flat=True).get()
            data = {"result": RESULTS[n % 2], "note": f"bench {n}", "version": version}
            if n == warmups:  # one save counted, untimed
                with CaptureQueriesContext(connection) as captured:
                    statuses.append(client.post(url, data).status_code)
                queries = len(captured)
                continue
            started = time.perf_counter()
            statuses.append(client.post(url, data).status_code)
            if n > warmups:
                times.append(time.perf_counter() - started)
    assessment_save(
        actor=User.objects.get(username=MEMBER), cycle=cycle, criterion=target.criterion,
        unit=target.unit, result=original[0], note=original[1], evidence=original[2],
    )  # fmt: skip
    # a backend without a worker here (immediate) ran the refresh in the save already
    with contextlib.suppress(CommandError):
        call_command("worker", "--batch", verbosity=0)
    status = next((s for s in statuses if s != 302), 302)
    return {
        "median_ms": round(statistics.median(times) * 1000, 2),
        "queries": queries,
        "status": status,
        "budget_ok": status == 302 and queries <= QUERY_BUDGET,
        "url": url,
    }
