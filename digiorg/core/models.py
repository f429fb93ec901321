from django.utils.translation import get_language


class Localized:
    """Read `<field>_th` or `<field>_en` by the active language; Thai when English is empty.

    `title = Localized("title")` on a model with `title_th` and `title_en`.
    """

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        language = (get_language() or "th")[:2]
        value = getattr(obj, f"{self.field}_{language}", "") if language != "th" else ""
        return value or getattr(obj, f"{self.field}_th")
