"""Form fields more than one feature needs: amounts in kroner as Danes type them, and clean text."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, StringField
from wtforms.widgets import DateInput
from wtforms.validators import StopValidation

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CURRENCY = re.compile(r"^(?:kr\.?|dkk)\s*|\s*(?:kr\.?|dkk|,-|,00?|\.-)$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def clean_text(value: Any) -> Any:
    """Trimmed, without control characters (NUL never reaches the database)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value).strip()


def parse_kroner(text: str) -> int | None:
    """Whole kroner as Danes write them: "85.000", "85000", "85.000 kr.", "85 000"; None for anything else."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    for _ in range(2):  # "kr. 85.000,-" has something on both sides
        value = _CURRENCY.sub("", value).strip()
    value = re.sub(r"(?<=\d) (?=\d{3}\b)", "", value)
    if value.isascii() and value.isdigit():
        return int(value)
    if _GROUPED.match(value):
        return int(value.replace(".", ""))
    return None


class KronerField(StringField):
    """An amount in whole kroner; keeps what was typed, and ``kroner`` is the parsed amount (None when empty)."""

    def __init__(self, *args: Any, required: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("filters", [clean_text])
        render_kw = kwargs.setdefault("render_kw", {})
        render_kw.setdefault("inputmode", "numeric")
        render_kw.setdefault("autocomplete", "off")
        super().__init__(*args, **kwargs)
        self.required = required

    @property
    def kroner(self) -> int | None:
        return parse_kroner(self.data) if self.data else None

    def pre_validate(self, form: Any) -> None:
        if not self.data:
            if self.required:
                raise StopValidation(_l("Skriv et beløb i hele kroner, fx 85.000."))
            return
        if parse_kroner(self.data) is None:
            raise StopValidation(_l("Skriv beløbet i hele kroner med tal, fx 85.000 eller 85000."))

    def set_kroner(self, amount: int | None) -> None:
        """Show a stored amount the Danish way, "85.000"."""
        self.data = "" if amount is None else f"{amount:,}".replace(",", ".")


class WholeNumberField(IntegerField):
    """A whole number with a Danish error instead of WTForms' English one."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        text = str(valuelist[0]).strip()
        if text.isascii() and text.isdigit() and len(text) <= 9:
            self.data = int(text)
        else:
            self.data = None
            self.raw_data = [text]
            raise ValueError(_l("Skriv et helt tal, fx 3."))


class DayField(DateField):
    """A date picked in the browser (ISO) or typed the Danish way (1-3-2027, 1.3.2027); a Danish error."""

    widget = DateInput()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("format", ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"])
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Skriv datoen som dag-måned-år, fx 01-03-2027.")) from None
