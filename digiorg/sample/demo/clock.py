"""The demo's clock and the order it walks things in, so that the same day always gives the same
demo, dated as it was lived.

The demo tells the story of the years before `today`: each write it makes is stamped with the
moment it happens in that story (an action created a few days after its cycle opened, a
quarter's report sent a few days after the quarter ended), never after `today` (nor after the
present, when `today` is the present day). While the clock runs, in the thread preparing the
demo only (a live server beside it keeps the real time):

- `django.utils.timezone.now` answers the clock's moment, so auto_now / auto_now_add fields,
  the services' submitted / reviewed times and `timezone.localdate()` follow it;
- a pre_save hook gives every new row whose DateTimeField defaults to `timezone.now` (the audit
  trail's timestamp, a user's date_joined) the same moment.

Units are walked by their code (a plain string sort), never by their path, id or the database's
collation, which differ from one database to another."""

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.db.models import DateTimeField
from django.db.models.signals import pre_save
from django.utils import timezone

from digiorg.org.models import OrgUnit

_REAL_NOW = timezone.now


def units_by_code(organization) -> dict[str, OrgUnit]:
    """The department's units by code, in code order (the same on every database)."""
    units = OrgUnit.objects.filter(organization=organization).order_by()
    return {u.code: u for u in sorted(units, key=lambda u: u.code)}


def spread(key: object, low: int, high: int) -> int:
    """A whole number from `low` to `high` that follows from `key` alone (repeatable, and
    drawing it takes nothing from the demo's random generators)."""
    return low + zlib.crc32(repr(key).encode()) % (high - low + 1)


class DemoClock:
    """The moment the demo's writes are stamped with; see the module's text."""

    def __init__(self, today: date) -> None:
        self.tz = timezone.get_current_timezone()
        end = datetime.combine(today, time(23, 59), self.tz)
        real = _REAL_NOW()
        self.limit = min(end, real) if today == timezone.localdate(real) else end
        self.moment = self.limit
        self.last_day_moment: datetime | None = None
        self.thread = threading.get_ident()

    def at(self, day: date, key: object = "", evening: bool = False) -> date:
        """Set the clock to office hours on `day` (08:30-16:30, the minute following from
        `key`; 17:00-17:59 for `evening`) and return the day. A step due after the limit's day
        happens on that day; that day's steps come one after another (a step set later is
        never earlier), and none after the limit."""
        start, minutes = (time(17), 59) if evening else (time(8, 30), 480)
        last_day = timezone.localdate(self.limit, self.tz)
        moment = datetime.combine(min(day, last_day), start, self.tz) + timedelta(
            minutes=spread((day, key), 0, minutes)
        )
        if day >= last_day:
            if self.last_day_moment is not None:
                moment = max(moment, self.last_day_moment + timedelta(minutes=1))
            self.last_day_moment = moment
        self.moment = min(moment, self.limit)
        return timezone.localdate(self.moment, self.tz)

    @property
    def real_today(self) -> date:
        """The present day (Asia/Bangkok), whatever the clock says."""
        return timezone.localdate(_REAL_NOW())

    def now(self) -> datetime:
        return self.moment if threading.get_ident() == self.thread else _REAL_NOW()

    def _stamp_new_row(self, sender, instance, raw=False, **kwargs) -> None:
        if raw or threading.get_ident() != self.thread or not instance._state.adding:
            return
        for field in sender._meta.concrete_fields:
            if isinstance(field, DateTimeField) and field.default is _REAL_NOW:
                setattr(instance, field.attname, self.moment)


@contextmanager
def demo_clock(today: date) -> Iterator[DemoClock]:
    """Run the demo's writes on its clock (see the module's text)."""
    clock = DemoClock(today)
    timezone.now = clock.now
    pre_save.connect(clock._stamp_new_row, weak=False, dispatch_uid="demo-clock")
    try:
        yield clock
    finally:
        pre_save.disconnect(dispatch_uid="demo-clock")
        timezone.now = _REAL_NOW
