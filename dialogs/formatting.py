"""French display of parsed values (Babel): euros, dates, weekly hours."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"


def euros(amount: Decimal) -> str:
    """'35 000 €' for whole amounts, '12 500,50 €' otherwise."""
    pattern = "#,##0 ¤" if amount == amount.to_integral_value() else "#,##0.00 ¤"
    return format_currency(amount, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def long_date(day: date) -> str:
    return format_date(day, format="long", locale=LOCALE)


def hours(minutes: int) -> str:
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest:02d}" if rest else f"{whole} h"


def integer(number: int) -> str:
    return format_decimal(number, locale=LOCALE)
