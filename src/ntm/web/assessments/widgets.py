"""The commune form's inputs written straight to HTML, exactly as Django's widget templates write
them: the 57-indicator form has ≈ 130 inputs, and rendering each through the template engine was
half of the commune page's time. The attributes still come from the widget's own ``get_context``
(ids, disabled, maxlength, aria attributes on errors); only the markup is formatted here.
``tests/web/test_web_fast_widgets.py`` holds them equal to Django's own rendering."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: True → bare name, False → left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastTextInput(forms.TextInput):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        w = self.get_context(name, value, attrs)["widget"]
        shown = "" if w["value"] is None else f' value="{conditional_escape(str(w["value"]))}"'
        return mark_safe(
            f'<input type="{w["type"]}" name="{conditional_escape(w["name"])}"{shown}'
            f"{_attrs(w['attrs'])}>"
        )


class FastSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        w = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _options, _index in w["optgroups"]):
            return super().render(name, value, attrs, renderer)  # optgroups: Django's template
        options = "".join(
            f'\n  <option value="{conditional_escape(str(o["value"]))}"{_attrs(o["attrs"])}>'
            f"{conditional_escape(o['label'])}</option>\n"
            for _group, group_options, _index in w["optgroups"]
            for o in group_options
        )
        start = f'<select name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>'
        return mark_safe(f"{start}{options}\n</select>")
