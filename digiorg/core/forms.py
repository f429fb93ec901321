from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ConflictError, ValidationFailed


def apply_errors(form: forms.BaseForm, exc: ValidationFailed) -> None:
    """Show a service's validation errors on the form fields they name."""
    for field, message in exc.errors.items():
        form.add_error(field if field in form.fields else None, message)


def save_versioned(form: forms.BaseForm, update: Callable[..., Any], obj: Any) -> bool:
    """Call `update(obj, version=..., **fields)` with the form's data. A conflict or a service's
    validation error lands on the form (nothing saved) and the result is False."""
    data = dict(form.cleaned_data)
    version = data.pop("version", None) or 0
    try:
        update(obj, version=version, **data)
    except ConflictError as exc:
        form.add_error(None, str(exc))
    except ValidationFailed as exc:
        apply_errors(form, exc)
    else:
        return True
    return False


class BootstrapMixin:
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class TableUploadForm(BootstrapMixin, forms.Form):
    """A CSV or XLSX file for an import, no larger than DIGIORG_IMPORT_MAX_BYTES."""

    file = forms.FileField(label=gettext_lazy("CSV or Excel (.xlsx) file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.DIGIORG_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": limit // 2**20}
            )
        return upload
