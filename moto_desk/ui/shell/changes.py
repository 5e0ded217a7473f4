"""One event for what changed, so every screen showing it refreshes itself.

After Anki's ``operation_did_execute(changes, initiator)`` and Electrum's event listeners:
an operation that changes something (a customer's cards, the history, the customers, the
readers, the settings) publishes one :class:`Change`; panels and open dialogs subscribe and
decide for themselves whether it concerns what they show. Nothing reloads another screen by
hand, and a dialog opened later needs no special wiring to stay current. The same event will
carry other desks' changes once a shop's desks share one book.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal


class Topic(StrEnum):
    """What a change is about."""

    CUSTOMERS = "customers"
    #: A customer's saved cards (and so their consent evidence and card health).
    CARDS = "cards"
    #: The journal: saves, charges, refunds, removals.
    HISTORY = "history"
    READERS = "readers"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Change:
    """What changed; ``customer_id`` narrows it to one customer (None: any or all)."""

    topics: frozenset[Topic]
    customer_id: str | None = None

    def touches(self, topic: Topic, customer_id: str | None = None) -> bool:
        """True when this change is about ``topic`` — for ``customer_id``, when both name
        one (a change without a customer concerns every customer)."""
        if topic not in self.topics:
            return False
        return customer_id is None or self.customer_id is None or self.customer_id == customer_id


class ChangeHub(QObject):
    """Where changes are published; one per window.

    Signals:
        changed(object): a :class:`Change`, delivered on the GUI thread.
    """

    changed = Signal(object)

    def publish(self, *topics: Topic, customer_id: str | None = None) -> Change:
        change = Change(frozenset(topics), customer_id)
        self.changed.emit(change)
        return change
