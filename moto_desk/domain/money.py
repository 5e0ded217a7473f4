"""Money and currency rules — the one place that knows them.

Amounts are whole integers of the currency's minor unit, never floats: 1234.50 USD is
``Money(123450, "usd")``. Every rule below comes from Stripe's currency page as summarised in
``stripe-notes.md`` §8:

* **Exponent** — the number of decimals a clerk types and sees: 0 for the zero-decimal
  currencies, 3 for BHD JOD KWD OMR TND, 2 for everything else.
* **ISK and UGX** are whole-unit currencies that Stripe still wants written as if they had two
  decimals (5 ISK is sent as ``500``). We treat them as exponent 0 everywhere in the program — the
  clerk types and sees whole krónur/shillings, and ``Money.amount`` counts whole units — and
  multiply by 100 only at the wire (:func:`to_wire`, :func:`from_wire`). Keeping the odd factor at
  the boundary means no other code has to remember it.
* **Three-decimal currencies**: card amounts must be a multiple of 10 (the last digit 0).
* **Minimum** charge per currency, from Stripe's table; **maximum** 999,999,999,999 in Stripe's
  (wire) units, the card networks' 12-digit limit.

Parsing accepts what a clerk types or pastes in English or French conventions and refuses
anything it would have to guess about: reading "1.234" as 1234 when the clerk meant 1,234 would
charge a thousand times too much.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from moto_desk.domain.errors import InvalidInput
from moto_desk.domain.words import QT_TRANSLATE_NOOP

Locale = Literal["en", "fr"]

#: Stripe's card limit: 12 digits of the wire amount (stripe-notes §8).
MAX_CARD_WIRE_AMOUNT = 999_999_999_999

#: Minimum for currencies missing from Stripe's table: the USD minimum (50 minor units).
DEFAULT_MINIMUM = 50

_CODE_RE = re.compile(r"[a-z]{3}")


@dataclass(frozen=True)
class Money:
    """An exact amount: ``amount`` whole minor units of ``currency`` (lowercase ISO 4217).

    For ISK and UGX one minor unit is one króna/shilling (see the module docstring).
    """

    amount: int
    currency: str

    def __post_init__(self) -> None:
        # type() rather than isinstance(): bool is an int subclass and must not pass as money.
        if type(self.amount) is not int:
            raise TypeError(f"Money.amount must be an int, not {type(self.amount).__name__}")
        if not _CODE_RE.fullmatch(self.currency):
            raise ValueError(f"Money.currency must be a lowercase ISO code, not {self.currency!r}")

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount


@dataclass(frozen=True)
class CurrencyRule:
    """What the program knows about one currency.

    ``exponent``: decimals the clerk types and sees. ``wire_factor``: Stripe's amount is
    ``amount * wire_factor``. ``minimum``: smallest chargeable ``Money.amount``. ``card_step``:
    card amounts must be a multiple of it. ``known``: False when the code is not in our table and
    the defaults (2 decimals, USD-like minimum) were used.
    """

    code: str
    exponent: int
    wire_factor: int = 1
    minimum: int = DEFAULT_MINIMUM
    card_step: int = 1
    known: bool = True

    @property
    def max_amount(self) -> int:
        """The largest chargeable ``Money.amount``: its wire amount fits the card networks'
        limit and it is a multiple of ``card_step``."""
        limit = MAX_CARD_WIRE_AMOUNT // self.wire_factor
        return limit - limit % self.card_step


_ZERO_DECIMAL = frozenset(
    {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
     "xaf", "xof", "xpf"}
)  # fmt: skip
_THREE_DECIMAL = frozenset({"bhd", "jod", "kwd", "omr", "tnd"})
# Whole units in the program, two "00" decimals on the wire.
_WIRE_HUNDREDFOLD = frozenset({"isk", "ugx"})

# Stripe's minimum charge amounts, in minor units (stripe-notes §8). It depends on the
# account's settlement currency; Stripe still refuses with amount_too_small when a conversion
# lands below it, and the gateway reports that.
_MINIMUMS: dict[str, int] = {
    "usd": 50, "aed": 200, "ars": 50, "aud": 50, "brl": 50, "cad": 50, "chf": 50,
    "cop": 50, "czk": 1500, "dkk": 250, "eur": 50, "gbp": 30, "hkd": 400, "huf": 17500,
    "idr": 50, "ils": 50, "inr": 50, "jpy": 50, "krw": 50, "mxn": 1000, "myr": 200,
    "nok": 300, "nzd": 50, "php": 50, "pln": 200, "ron": 200, "rub": 50, "sek": 300,
    "sgd": 50, "thb": 1000, "zar": 50,
}  # fmt: skip


def _build_table() -> dict[str, CurrencyRule]:
    table: dict[str, CurrencyRule] = {}
    for code in sorted(_ZERO_DECIMAL | _THREE_DECIMAL | _WIRE_HUNDREDFOLD | set(_MINIMUMS)):
        if code in _ZERO_DECIMAL or code in _WIRE_HUNDREDFOLD:
            exponent = 0
        elif code in _THREE_DECIMAL:
            exponent = 3
        else:
            exponent = 2
        table[code] = CurrencyRule(
            code=code,
            exponent=exponent,
            wire_factor=100 if code in _WIRE_HUNDREDFOLD else 1,
            minimum=_MINIMUMS.get(code, DEFAULT_MINIMUM),
            card_step=10 if code in _THREE_DECIMAL else 1,
        )
    return table


#: Every currency with a rule of its own. Other valid codes get :func:`currency_rule`'s default.
CURRENCIES: dict[str, CurrencyRule] = _build_table()


def currency_rule(currency: str) -> CurrencyRule:
    """The rule for ``currency`` (any case).

    A well-formed code missing from our table is accepted with two decimals and a minimum of 50
    minor units — the USD minimum, because Stripe's table has no entry to take one from; Stripe
    itself refuses an amount below the true minimum and the gateway reports that.
    """
    code = currency.strip().lower()
    rule = CURRENCIES.get(code)
    if rule is not None:
        return rule
    if not _CODE_RE.fullmatch(code):
        raise InvalidInput(
            QT_TRANSLATE_NOOP(
                "clerk",
                "“{currency}” is not a currency code. Use a three-letter code such as EUR or USD.",
            ),
            args={"currency": currency},
            field="currency",
        )
    return CurrencyRule(code=code, exponent=2, known=False)


# ---------------------------------------------------------------------------------------------
# Wire conversion


def to_wire(m: Money) -> int:
    """The integer Stripe expects in ``amount`` for ``m`` (×100 for ISK and UGX)."""
    return m.amount * currency_rule(m.currency).wire_factor


def from_wire(amount: int, currency: str) -> Money:
    """The ``Money`` for an amount Stripe returned.

    Raises ``ValueError`` if Stripe returns ISK/UGX with non-zero decimals, which it documents
    as impossible: silently rounding a payment amount would hide a real problem.
    """
    rule = currency_rule(currency)
    whole, rest = divmod(amount, rule.wire_factor)
    if rest:
        raise ValueError(f"{amount} is not a whole amount of {rule.code.upper()} on the wire")
    return Money(whole, rule.code)


# ---------------------------------------------------------------------------------------------
# Formatting

# Symbols shown instead of the code (CLDR's short forms for each language).
_SYMBOLS: dict[Locale, dict[str, str]] = {
    "en": {"usd": "$", "eur": "€", "gbp": "£", "jpy": "¥"},
    "fr": {"usd": "$US", "eur": "€", "gbp": "£GB", "jpy": "JPY"},
}
_NBSP = "\u00a0"
_NNBSP = "\u202f"  # French thousands separator (CLDR)


def _locale(locale: str) -> Locale:
    """``"fr"``, ``"fr_CA"``, ``"fr-BE"`` → French conventions; anything else → English."""
    return "fr" if locale.lower().startswith("fr") else "en"


def format_money(m: Money, locale: str = "en") -> str:
    """``m`` as a clerk reads it: en ``$1,234.50`` / ``KWD 1.234``; fr ``1 234,50 €``.

    English puts the symbol (USD, EUR, GBP, JPY) or the upper-case code before the number;
    French puts it after, with a narrow no-break space between thousands as CLDR does. Every
    string this returns is accepted by :func:`parse_amount` with the same locale.
    """
    loc = _locale(locale)
    rule = currency_rule(m.currency)
    sign = "-" if m.amount < 0 else ""
    major, minor = divmod(abs(m.amount), 10**rule.exponent)
    decimals = str(minor).zfill(rule.exponent) if rule.exponent else ""
    mark = _SYMBOLS[loc].get(rule.code, rule.code.upper())
    if loc == "en":
        number = f"{major:,}" + (f".{decimals}" if decimals else "")
        if rule.code in _SYMBOLS["en"]:
            return f"{sign}{mark}{number}"
        return f"{sign}{mark} {number}"
    number = f"{major:,}".replace(",", _NNBSP) + (f",{decimals}" if decimals else "")
    return f"{sign}{number}{_NBSP}{mark}"


# ---------------------------------------------------------------------------------------------
# Parsing

# Marks a clerk may type or paste around an amount, per currency (beyond the code itself).
_MARKS: dict[str, tuple[str, ...]] = {
    "usd": ("US$", "$US", "$"),
    "cad": ("CA$", "$CA", "C$", "$"),
    "aud": ("AU$", "A$", "$AU", "$"),
    "nzd": ("NZ$", "$NZ", "$"),
    "hkd": ("HK$", "$HK", "$"),
    "sgd": ("S$", "$SG", "$"),
    "mxn": ("MX$", "$MX", "$"),
    "eur": ("€",),
    "gbp": ("£GB", "£"),
    "jpy": ("JP¥", "¥"),
    "chf": ("CHF", "Fr."),
    "inr": ("₹",),
    "krw": ("₩",),
    "ils": ("₪",),
    "php": ("₱",),
    "thb": ("฿",),
    "pln": ("zł",),
}
_ALL_MARKS = sorted({m for marks in _MARKS.values() for m in marks}, key=len, reverse=True)

_SPACES = frozenset(" \u00a0\u202f\u2009\u2007")  # space, nbsp, narrow nbsp, thin, figure
_MINUS = frozenset("-\u2212\u2012\u2013")
# Full-width forms typed with East Asian input methods.
_FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "，": ",", "￥": "¥"}
)
_DIGITS = frozenset("0123456789")
_MAX_TEXT = 64


def _examples(loc: Locale) -> dict[str, str]:
    """Two example amounts written the way the clerk types them (``{small}``, ``{large}``)."""
    if loc == "en":
        return {"small": "12.50", "large": "1,234.50"}
    return {"small": "12,50", "large": "1 234,50"}


def _refuse(template: str, **args: str) -> InvalidInput:
    """An ``InvalidInput`` on the amount field; ``template`` is a ``QT_TRANSLATE_NOOP`` literal."""
    return InvalidInput(template, args=args, field="amount")


def _own_marks(code: str) -> list[str]:
    marks = {code.upper(), *_MARKS.get(code, ())}
    marks.update(symbols[code] for symbols in _SYMBOLS.values() if code in symbols)
    return sorted(marks, key=len, reverse=True)


def _strip_marks(s: str, code: str) -> str:
    """Remove one currency mark of ``code`` at the start and one at the end, if present."""
    marks = _own_marks(code)
    for mark in marks:
        if s.upper().startswith(mark.upper()):
            s = s[len(mark) :].strip()
            break
    for mark in marks:
        if s.upper().endswith(mark.upper()):
            s = s[: len(s) - len(mark)].strip()
            break
    return s


def _not_a_number(s: str, code: str, shown: str, loc: Locale) -> InvalidInput:
    """The refusal for text that still holds something other than digits and separators."""
    own = set(_own_marks(code))
    for mark in _ALL_MARKS:
        if mark not in own and mark in s:
            return _refuse(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "“{shown}” is not in {currency}. "
                    "Remove “{mark}” and type the amount in {currency}.",
                ),
                shown=shown,
                currency=code.upper(),
                mark=mark,
            )
    for word in re.findall(r"[A-Za-z]+", s):
        if word.lower() in CURRENCIES and word.lower() != code:
            return _refuse(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "“{shown}” is in {other}, but this amount is in {currency}. "
                    "Type the amount in {currency}.",
                ),
                shown=shown,
                other=word.upper(),
                currency=code.upper(),
            )
    return _refuse(
        QT_TRANSLATE_NOOP(
            "clerk",
            "“{shown}” is not an amount. Type it in figures, for example {small} or {large}.",
        ),
        shown=shown,
        **_examples(loc),
    )


def _split_number(s: str, loc: Locale, shown: str) -> tuple[str, str]:
    """Split digits and separators into (integer digits, decimal digits).

    Rules, chosen so that no reading is a guess:

    * spaces (any kind) only ever group thousands;
    * when both ``.`` and ``,`` appear, the last one is the decimal separator (it must appear
      once) and the other groups thousands: ``1,234.50`` and ``1.234,50`` read alike anywhere;
    * a separator that appears several times groups thousands (``1,234,567``);
    * a single separator not followed by exactly three digits is the decimal separator
      (``12.5``, ``12,50``): it cannot be a thousands separator;
    * a single separator followed by exactly three digits follows the locale: in English ``,``
      groups (``1,234`` = 1234) and ``.`` is decimal; in French ``,`` is decimal and ``.`` is
      refused as ambiguous — French keyboards type a point on the numeric keypad, so ``1.234``
      may mean 1,234 as well as 1 234.

    Thousands groups must be well formed: 1–3 digits (no leading zero), then groups of 3.
    """
    bad_separators = _refuse(
        QT_TRANSLATE_NOOP(
            "clerk", "Check the separators in “{shown}”, for example {small} or {large}."
        ),
        shown=shown,
        **_examples(loc),
    )
    parts = re.split(r"([.,]|[ \u00a0\u202f\u2009\u2007])", s)
    runs = parts[0::2]
    seps = [" " if p in _SPACES else p for p in parts[1::2]]
    leading_point = len(seps) == 1 and seps[0] in ".," and runs[0] == ""
    if any(run == "" for run in runs[1:]) or (runs[0] == "" and not leading_point):
        raise bad_separators

    kinds = set(seps)
    decimal: str | None
    if not seps or kinds == {" "}:
        decimal = None
    elif kinds >= {".", ","}:
        decimal = seps[-1]
        if " " in kinds or seps.count(decimal) != 1:
            raise bad_separators
    else:
        (c,) = kinds - {" "}
        if " " in kinds:
            if seps.count(c) != 1 or seps[-1] != c:
                raise bad_separators
            decimal = c
        elif seps.count(c) > 1:
            decimal = None
        elif len(runs[-1]) != 3:
            decimal = c
        elif loc == "en":
            decimal = "." if c == "." else None
        elif c == ",":
            decimal = ","
        else:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "“{shown}” could mean {whole}{rest} or {whole} point {rest}. "
                    "Type {whole}{rest} without a separator, "
                    "or {whole},{rest} with a decimal comma.",
                ),
                shown=shown,
                whole=runs[0],
                rest=runs[1],
            )
    int_runs, frac = (runs[:-1], runs[-1]) if decimal is not None else (runs, "")
    if len(int_runs) > 1:
        first, rest = int_runs[0], int_runs[1:]
        if not 1 <= len(first) <= 3 or first.startswith("0") or any(len(g) != 3 for g in rest):
            raise bad_separators
    return "".join(int_runs), frac


def parse_amount(text: str, currency: str, locale: str = "en") -> Money:
    """Read an amount a clerk typed or pasted, or raise :class:`InvalidInput` saying why.

    Accepts surrounding spaces, a currency symbol or code of ``currency`` before or after the
    number, English (``1,234.50``) and French (``1 234,50``, ``1.234,50``) separators, any kind
    of space as a thousands separator, and full-width digits. Refuses empty, zero, negative,
    letters, another currency's symbol, more decimals than the currency has (``10.5`` JPY), and
    separators whose meaning would be a guess (see :func:`_split_number`). Pure integer
    arithmetic: the result never passes through a float.
    """
    loc = _locale(locale)
    rule = currency_rule(currency)
    shown = text.strip()
    if len(shown) > _MAX_TEXT:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk", "That amount is too long. Type it in figures, for example 12.50."
            )
        )
    if not shown:
        raise _refuse(QT_TRANSLATE_NOOP("clerk", "Enter an amount."))
    s = _strip_marks(shown.translate(_FULLWIDTH), rule.code)
    if s[:1] in _MINUS or s[:1] == "(":
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk", "Enter an amount greater than zero. To give money back, use a refund."
            )
        )
    if not s or any(c not in _DIGITS and c not in _SPACES and c not in ".," for c in s):
        raise _not_a_number(s, rule.code, shown, loc)
    whole, frac = _split_number(s, loc, shown)
    code = rule.code.upper()
    if len(frac) > rule.exponent:
        if rule.exponent == 0:
            raise _refuse(
                QT_TRANSLATE_NOOP(
                    "clerk",
                    "Amounts in {currency} have no decimals. Type whole units, "
                    "for example {example}.",
                ),
                currency=code,
                example=format_money(Money(1250, rule.code), loc),
            )
        example = Money(1250 * 10**rule.exponent // 100, rule.code)
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk",
                "Amounts in {currency} have at most {decimals} decimals, for example {example}.",
            ),
            currency=code,
            decimals=str(rule.exponent),
            example=format_money(example, loc),
        )
    amount = int(whole or "0") * 10**rule.exponent + int(frac.ljust(rule.exponent, "0") or "0")
    if amount == 0:
        raise _refuse(QT_TRANSLATE_NOOP("clerk", "Enter an amount greater than zero."))
    return Money(amount, rule.code)


def check_chargeable(m: Money) -> None:
    """Raise :class:`InvalidInput` unless a card can be charged ``m``.

    Checks: more than zero, at least the currency's minimum, at most the card networks'
    12-digit limit, and the multiple-of-10 rule of three-decimal currencies. Refunds have no
    minimum: a refund is checked against what remains of its charge, not with this.
    """
    rule = currency_rule(m.currency)
    code = rule.code.upper()
    if m.amount <= 0:
        raise _refuse(QT_TRANSLATE_NOOP("clerk", "Enter an amount greater than zero."))
    if m.amount < rule.minimum:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk", "The smallest amount you can charge in {currency} is {amount}."
            ),
            currency=code,
            amount=format_money(Money(rule.minimum, rule.code)),
        )
    if m.amount > rule.max_amount:
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk", "The largest amount you can charge in {currency} is {amount}."
            ),
            currency=code,
            amount=format_money(Money(rule.max_amount, rule.code)),
        )
    if m.amount % rule.card_step:
        example = Money(m.amount - m.amount % rule.card_step, rule.code)
        raise _refuse(
            QT_TRANSLATE_NOOP(
                "clerk", "Card amounts in {currency} must end in 0, for example {example}."
            ),
            currency=code,
            example=format_money(example),
        )
