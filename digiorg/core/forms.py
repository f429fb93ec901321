from django import forms

from .errors import ValidationFailed


def apply_errors(form: forms.Form, exc: ValidationFailed) -> None:
    """Show a service's validation errors on the form fields they name."""
    for field, message in exc.errors.items():
        form.add_error(field if field in form.fields else None, message)


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
