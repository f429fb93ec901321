"""The secretariat's desk: what waits for it in a cycle, in one look. Plans and progress
reports to review come from the plans inbox, answers to verify from the verification queue
(the same selectors as those pages, so the same scope). Five queries."""

from dataclasses import dataclass, field

from digiorg.assessments.selectors import review_queue
from digiorg.plans.selectors import inbox

SHOWN = 5


@dataclass
class Desk:
    actions: list = field(default_factory=list)
    action_count: int = 0
    reports: list = field(default_factory=list)
    report_count: int = 0
    answers: list = field(default_factory=list)
    answer_count: int = 0

    @property
    def total(self) -> int:
        return self.action_count + self.report_count + self.answer_count


def desk(user, cycle) -> Desk:
    waiting = inbox(user, cycle)
    answers = review_queue(user, cycle)
    return Desk(
        actions=waiting["actions"][:SHOWN],
        action_count=len(waiting["actions"]),
        reports=waiting["reports"][:SHOWN],
        report_count=len(waiting["reports"]),
        answers=list(answers[:SHOWN]),
        answer_count=answers.count(),
    )
