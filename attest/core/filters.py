"""Filters shared by the web lists and the API."""

import django_filters
from django import forms
from django_filters.fields import ModelChoiceField

BIGINT_MAX = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """An object id: a whole number from 1 to the largest database integer.

    Anything else (``1.5``, ``-1e308``, 20 digits) is a 400 naming the parameter, not a query
    that fails in the database driver.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # max_value above is the bound


class _NulSafeModelChoiceField(ModelChoiceField):
    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """An object chosen by a text field (``to_field_name``, e.g. a framework's slug): a value with
    a NUL character is an invalid choice (a 400), where PostgreSQL would fail on it."""

    field_class = _NulSafeModelChoiceField
