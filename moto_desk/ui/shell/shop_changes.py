"""Other desks' changes into this window's :class:`ChangeHub`.

The listener (``records.shop_changes``) runs on its own thread; its batches cross to the GUI
thread through a queued signal and become the same :class:`Change` events the desk's own
operations publish, so every panel and dialog refreshes itself with no new wiring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from moto_desk.ui.shell.changes import ChangeHub, Topic

if TYPE_CHECKING:
    from moto_desk.records.shop_changes import ShopChange, ShopListener

#: Journal kinds whose changes also change a customer's saved cards.
_CARD_KINDS = ("save_card", "detach")


class ShopChanges(QObject):
    """Starts and stops the listener for one session; publishes what it hears.

    Signals:
        arrived(object): a batch of :class:`ShopChange` (emitted on the listener's thread,
            delivered on the GUI thread).
    """

    arrived = Signal(object)

    def __init__(self, hub: ChangeHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._listener: ShopListener | None = None
        self.arrived.connect(self.on_arrived)

    def start(self, url: str, desk: str) -> None:
        from moto_desk.records.shop_changes import ShopListener

        self.stop()
        self._listener = ShopListener(url, desk, self.arrived.emit)
        self._listener.start()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    @property
    def listener(self) -> ShopListener | None:
        return self._listener

    @Slot(object)
    def on_arrived(self, changes: list[ShopChange]) -> None:
        for change in changes:
            topics = [Topic.HISTORY]
            if change.table == "ledger" or change.kind in _CARD_KINDS or change.kind is None:
                topics.append(Topic.CARDS)
            if change.kind == "create_customer":
                topics.append(Topic.CUSTOMERS)
            self._hub.publish(*topics, customer_id=change.customer_id)
