"""Every kind of journal entry has a name in the history (a new kind must not crash it)."""

from __future__ import annotations

from typing import Any

from moto_desk.records.journal import JournalKind
from moto_desk.ui.after_sale.history_model import kind_words


def test_every_journal_kind_has_words(qapp: Any) -> None:
    for kind in JournalKind:
        assert kind_words(kind)
