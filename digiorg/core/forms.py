from collections.abc import Callable
from typing import Any

from django import forms

from .errors import ConflictError, ValidationFailed


def apply_errors(form: forms.Form, exc: ValidationFailed) -> None:
    """Show a service's validation errors on the form fields they name."""
    for field, message in exc.errors.items():
        form.add_error(field if field in form.fields else None, message)


def save_versioned(form: forms.Form, update: Callable[..., Any], obj: Any) -> bool:
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
