"""Frameworks are library data: loaded from versioned files, never edited in place by users."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from digiorg.core.models import Localized


class Framework(models.Model):
    urn = models.CharField(max_length=200, unique=True)
    code = models.SlugField(max_length=80, unique=True)
    version = models.PositiveIntegerField()
    fiscal_year = models.PositiveIntegerField(_("fiscal year"), null=True, blank=True)
    title_th = models.CharField(max_length=400)
    title_en = models.CharField(max_length=400)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    provider_th = models.CharField(max_length=200, blank=True)
    provider_en = models.CharField(max_length=200, blank=True)
    source_th = models.CharField(max_length=400, blank=True)
    source_en = models.CharField(max_length=400, blank=True)
    # Readiness bands: [{"code": "1", "min": 0, "label": {"th": ..., "en": ...}}, ...] ascending.
    levels = models.JSONField(default=list)
    content_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    title = Localized("title")
    description = Localized("description")
    provider = Localized("provider")
    source = Localized("source")

    class Meta:
        ordering = ["-fiscal_year", "code"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class FrameworkNode(models.Model):
    class Kind(models.TextChoices):
        DIMENSION = "dimension", _("dimension")
        TOPIC = "topic", _("topic")
        SUBTOPIC = "subtopic", _("sub-topic")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="nodes")
    urn = models.CharField(max_length=250, unique=True)
    ref = models.CharField(max_length=40)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    position = models.PositiveIntegerField()
    title_th = models.CharField(max_length=400)
    title_en = models.CharField(max_length=400)
    guidance_th = models.TextField(blank=True)
    guidance_en = models.TextField(blank=True)
    references = models.JSONField(default=list, blank=True)
    # A node dropped by a newer version stays (things may point at it) but is retired.
    retired = models.BooleanField(default=False)

    title = Localized("title")
    guidance = Localized("guidance")

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "ref"], name="node_ref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title_th}"

    @property
    def depth(self) -> int:
        return self.ref.count(".")


class Criterion(models.Model):
    class Scope(models.TextChoices):
        DEPARTMENT = "department", pgettext_lazy("criterion scope", "department")
        UNIT = "unit", pgettext_lazy("criterion scope", "unit")

    class Kind(models.TextChoices):
        # The answer is a result (met, partially met, not met, not applicable).
        RESULT = "result", pgettext_lazy("criterion kind", "result")
        # The answer ticks the options in place; points = share of options (0 below min_options).
        CHECKLIST = "checklist", pgettext_lazy("criterion kind", "checklist")
        # The answer ticks the options in place; met when at least min_options are ticked.
        ANY_OF = "any_of", pgettext_lazy("criterion kind", "any of")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    node = models.ForeignKey(FrameworkNode, on_delete=models.CASCADE, related_name="criteria")
    urn = models.CharField(max_length=250, unique=True)
    ref = models.CharField(max_length=40)
    position = models.PositiveIntegerField()
    text_th = models.TextField()
    text_en = models.TextField()
    scope = models.CharField(max_length=20, choices=Scope.choices)
    weight = models.DecimalField(max_digits=6, decimal_places=2, default=1)
    evidence_hint_th = models.TextField(blank=True)
    evidence_hint_en = models.TextField(blank=True)
    references = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RESULT)
    # checklist: the fewest options that score at all (None: no minimum); any_of: k.
    min_options = models.PositiveSmallIntegerField(null=True, blank=True)
    # Live evidence: [{"code": "catalogue.open_datasets", "met": ">= 1", "partial": "> 0"}]
    # (partial optional), checked by the loader against digiorg.indicators.registry.
    indicators = models.JSONField(default=list, blank=True)
    retired = models.BooleanField(default=False)

    text = Localized("text")
    evidence_hint = Localized("evidence_hint")

    class Meta:
        ordering = ["framework", "position"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["framework", "ref"], name="criterion_ref_unique"),
        ]

    def __str__(self) -> str:
        return self.ref


class CriterionOption(models.Model):
    """One option of a checklist or any_of criterion. Answers name it by its code, which stays
    the same across versions of the file; an option a newer version drops is retired."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(max_length=60)
    position = models.PositiveIntegerField()
    label_th = models.CharField(max_length=400)
    label_en = models.CharField(max_length=400)
    retired = models.BooleanField(default=False)

    label = Localized("label")

    class Meta:
        ordering = ["criterion", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "code"], name="criterion_option_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.ref}:{self.code}"
