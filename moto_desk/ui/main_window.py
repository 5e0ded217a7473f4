"""The desk window: customer, consent, reader, save and status, saved cards and charge.

It appears at once in a "connecting…" state; the backend starts in a job after the first
paint (so the window is up before ``stripe`` and ``keyring`` are imported), then open
journal entries are reconciled and the readers load. Panels get the session when it is
ready and never block: every Stripe or database call is a job (``ui/jobs.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from moto_desk.domain.consent import load_terms
from moto_desk.domain.errors import MotoDeskError
from moto_desk.ui.clerks.clerk_lock import ClerkLock
from moto_desk.ui.desk.consent_panel import ConsentPanel
from moto_desk.ui.desk.customer_panel import CustomerPanel
from moto_desk.ui.desk.mode_banner import ModeBanner
from moto_desk.ui.desk.notice_bar import NoticeBar
from moto_desk.ui.desk.reader_panel import ReaderPanel
from moto_desk.ui.desk.save_card_action import SaveCardAction, SaveForm
from moto_desk.ui.desk.saved_cards_panel import SavedCardsPanel
from moto_desk.ui.desk.status_panel import StatusPanel
from moto_desk.ui.shell.assets import dark_palette, icon
from moto_desk.ui.shell.changes import ChangeHub, Topic
from moto_desk.ui.shell.desk_connection import DeskConnection
from moto_desk.ui.shell.dialog_manager import DialogManager
from moto_desk.ui.shell.error_router import ErrorRouter, clerk_text
from moto_desk.ui.shell.jobs import JobRunner
from moto_desk.ui.shell.screen_fit import DESIGN_SIZE, window_geometry
from moto_desk.ui.shell.startup import preload_modules

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from moto_desk.domain.models import Customer, Reader, SavedCard, SaveResult
    from moto_desk.flows.reconcile import Settled
    from moto_desk.records.ledger import VerifyResult
    from moto_desk.settings import DeskSettings, SettingsStore
    from moto_desk.ui.after_sale.card_health_dialog import CardHealthDialog
    from moto_desk.ui.after_sale.consent_evidence_dialog import ConsentEvidenceDialog
    from moto_desk.ui.after_sale.history_dialog import HistoryDialog
    from moto_desk.ui.payments.charge_dialog import ChargeDialog
    from moto_desk.ui.shell.about_dialog import AboutDialog
    from moto_desk.ui.shell.session import DeskSession, StartOptions
    from moto_desk.ui.shell.settings_dialog import SavedSettings, SettingsDialog
    from moto_desk.ui.shell.shop_changes import ShopChanges
    from moto_desk.ui.shell.support_bundle_action import SupportBundleAction
    from moto_desk.ui.training.simulator_panel import SimulatorPanel

log = logging.getLogger(__name__)


# The names of the non-modal windows in the dialog manager.
CHARGE, EVIDENCE, CARD_HEALTH, HISTORY, SETTINGS, ABOUT = (
    "charge",
    "evidence",
    "card_health",
    "history",
    "settings",
    "about",
)


class MainWindow(QMainWindow):
    """The clerk's window.

    Signals:
        first_painted(): the window has been drawn once (start-up may begin).
        session_started(object): the backend is ready (a :class:`DeskSession`).
        reconciled(object): start-up reconciliation ended (a list of ``Settled``).
    """

    first_painted = Signal()
    session_started = Signal(object)
    reconciled = Signal(object)

    def __init__(
        self,
        options: StartOptions,
        store: SettingsStore,
        settings: DeskSettings,
        language: str = "en",
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setProperty("theme", "dark" if dark_palette() else "light")
        # Qt appends the application's display name ("moto-desk", set by ``ui.app``) to every
        # window title: written here too, the title bar said "moto-desk" twice.
        self.setWindowTitle(self.tr("Save and charge cards by phone or mail"))
        self.setWindowIcon(icon("moto-desk"))
        self.options = options
        self.store = store
        self.settings = settings
        self.language = language
        self.session: DeskSession | None = None
        _FirstPaint(self)
        self._quit_confirmed = False
        self._closed = False
        self._customer: Customer | None = None
        self._kept_charge_dialog: ChargeDialog | None = None  # built before the first F6
        # The non-modal windows (history, evidence, card health, settings, charge).
        self.dialogs = DialogManager(self)
        # What changed (cards, history, customers…): every screen showing it subscribes.
        self.changes = ChangeHub(self)
        self._shop_changes: ShopChanges | None = None  # other desks', with shop records
        #: The consent ledger's check at start, once it has answered.
        self.ledger_check: VerifyResult | None = None
        self._support_bundle: SupportBundleAction | None = None  # made on first use

        self.router = ErrorRouter(self)
        self.runner = JobRunner(
            self, on_unhandled=self.router.route, on_failed=self.router.log_internal
        )
        self.connection = DeskConnection(self.runner, options, self)
        self.connection.connecting.connect(self.on_connecting)
        self.connection.live_confirmation_asked.connect(self.on_live_confirmation_asked)
        self.connection.session_ready.connect(self.on_session_ready)
        self.connection.connection_failed.connect(self.on_connection_failed)
        self.connection.reconciled.connect(self.on_reconciled)
        self.connection.reconcile_failed.connect(self.on_reconcile_failed)
        self._build()
        # Who is at the desk (issue 16): sign-in, Lock (Ctrl+L), idle lock, approvals.
        self.clerk_lock = ClerkLock(
            self,
            self.desk_stack,
            self.runner,
            self.router,
            self.dialogs,
            (CHARGE, EVIDENCE, CARD_HEALTH, HISTORY, SETTINGS, ABOUT),
            notice=self.notice.show_notice,
        )
        self._build_actions()
        self._set_session(None)

    # ================================================================== building
    def _build(self) -> None:
        # Every widget is made inside its final parent: under the stylesheet, moving a built
        # tree to another parent restyles all of it (the desk moved into the sign-in stack
        # cost ~19 ms of the first paint).
        self.desk_stack = QStackedWidget(self)
        self.desk_stack.setObjectName("deskStack")
        central = QWidget(self.desk_stack)
        self.banner = ModeBanner(central)
        self.notice = NoticeBar(central)
        self.customers = CustomerPanel(
            self.runner, self.router, self.settings.phone_country, central
        )
        self.saved_cards = SavedCardsPanel(self.runner, self.router, central)
        self.consent = ConsentPanel(central)
        self.readers = ReaderPanel(self.runner, self.router, central)
        self.status = StatusPanel(central)
        self.save_action = SaveCardAction(self.runner, self.router, self.status, self)
        self.save_action.reader_wait_s = float(self.settings.reader_wait_s)
        self._load_terms()

        self.save_button = QPushButton(icon("card-save"), self.tr("Save card"), central)
        self.save_button.setObjectName("saveCardButton")
        self.save_button.setAccessibleName(self.tr("Save card"))
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.on_save_requested)
        self.cancel_button = QPushButton(self.tr("Cancel"), central)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAccessibleName(self.tr("Cancel the save"))
        self.cancel_button.setToolTip(self.tr("Cancel the running save (Esc)"))
        self.cancel_button.clicked.connect(self.on_cancel_requested)
        self.cancel_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button, 2)
        buttons.addWidget(self.cancel_button, 1)

        left = QVBoxLayout()
        left.addWidget(self.customers, 3)
        left.addWidget(self.saved_cards, 2)
        right = QVBoxLayout()
        right.addWidget(self.readers)
        right.addLayout(buttons)
        right.addWidget(self.status, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addWidget(self.consent, 6)
        columns.addLayout(right, 5)

        outer = QVBoxLayout(central)
        outer.addWidget(self.banner)
        outer.addWidget(self.notice)
        outer.addLayout(columns, 1)
        self.desk_stack.addWidget(central)
        self.setCentralWidget(self.desk_stack)
        # Below this the panels' own minimums hold the window anyway (about 1050×600 in
        # English, 1260×600 in French, with the simulated reader open).
        self.setMinimumSize(1000, 600)
        plan = window_geometry(self.screen().availableGeometry())
        self.resize(plan.size() if plan is not None else DESIGN_SIZE)

        self.customers.customer_changed.connect(self.on_customer_changed)
        self.changes.changed.connect(self.saved_cards.on_changed)
        self.customers.customer_confirmed.connect(self.on_customer_confirmed)
        self.consent.consent_changed.connect(self.on_form_changed)
        self.readers.reader_changed.connect(self.on_reader_changed)
        self.save_action.running_changed.connect(self.on_save_running_changed)
        self.save_action.card_saved.connect(self.on_card_saved)
        self.save_action.unknown_changed.connect(self.on_form_changed)
        self.saved_cards.charge_requested.connect(self.on_charge_requested)
        self.saved_cards.evidence_requested.connect(self.on_evidence_requested)
        self.saved_cards.removal_requested.connect(self.on_card_removal_requested)

        self.simulator: SimulatorPanel | None = None
        self.simulator_dock: QDockWidget | None = None

        chain: list[QWidget] = [
            *self.customers.tab_chain(),
            *self.consent.tab_chain(),
            *self.readers.tab_chain(),
            self.save_button,
            self.cancel_button,
            self.customers.new_customer_button(),
            *self.saved_cards.tab_chain(),
        ]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)

    def _load_terms(self) -> None:
        try:
            terms = load_terms(self.language if self.language in ("en", "fr") else "en")
        except MotoDeskError as error:
            self.notice.show_notice(clerk_text(error), "warning")
            return
        self.consent.set_terms(terms, self.settings.shop_name or self.tr("our shop"))

    def _action(self, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.find_action = self._action(self.tr("Find customer"), "F2", self.on_find_requested)
        self.new_action = self._action(
            self.tr("New customer…"), "Ctrl+N", self.customers.on_new_customer_requested
        )
        self.save_card_action = self._action(self.tr("Save card"), "F5", self.on_save_requested)
        self.cancel_action = self._action(self.tr("Cancel"), "Esc", self.on_cancel_requested)
        self.charge_action = self._action(
            self.tr("Charge saved card…"), "F6", self.on_charge_requested
        )
        self.evidence_action = self._action(
            self.tr("Consent evidence…"), "Ctrl+E", self.on_evidence_requested
        )
        self.card_health_action = self._action(
            self.tr("Card health…"), "Ctrl+Shift+H", self.on_card_health_requested
        )
        self.simulator_action = self._action(
            self.tr("Simulated reader"), "F9", self.on_simulator_requested
        )
        self.settings_action = self._action(
            self.tr("Settings…"), "Ctrl+,", self.on_settings_requested
        )
        self.history_action = self._action(self.tr("History…"), "Ctrl+H", self.on_history_requested)
        self.quit_action = self._action(self.tr("Quit"), "Ctrl+Q", self.close)
        self.support_bundle_action = QAction(self.tr("Create a support bundle…"), self)
        self.support_bundle_action.setObjectName("supportBundleAction")
        self.support_bundle_action.triggered.connect(self.on_support_bundle_requested)
        self.about_action = QAction(self.tr("About moto-desk"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.on_about_requested)

        menu = self.menuBar()
        desk = menu.addMenu(self.tr("&Desk"))
        desk.addAction(self.clerk_lock.lock_action)
        desk.addAction(self.settings_action)
        desk.addSeparator()
        desk.addAction(self.quit_action)
        card = menu.addMenu(self.tr("&Card"))
        for action in (self.find_action, self.new_action):
            card.addAction(action)
        card.addSeparator()
        for action in (self.save_card_action, self.cancel_action, self.charge_action):
            card.addAction(action)
        card.addSeparator()
        card.addAction(self.history_action)
        card.addSeparator()
        card.addAction(self.evidence_action)
        card.addAction(self.card_health_action)
        training = menu.addMenu(self.tr("&Training"))
        training.addAction(self.simulator_action)
        training.addAction(self.clerk_lock.training_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.support_bundle_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        self.customers.focus_search()

    # ================================================================== start-up
    def show_on_screen(self) -> None:
        """Show the window as :func:`window_geometry` plans it for the screen it is on."""
        plan = window_geometry(self.screen().availableGeometry())
        if plan is None:
            self.showMaximized()
        else:
            self.setGeometry(plan)
            self.show()

    @Slot()
    def start(self) -> None:
        """Start the backend in a job (idempotent: called at first paint)."""
        if not self._closed:
            self.runner.start_workers()
            self.connection.start(self.settings)

    @Slot()
    def on_connecting(self) -> None:
        self.banner.show_connecting()
        self.status.show_connecting()

    @Slot()
    def on_live_confirmation_asked(self) -> None:
        self.banner.show_live()

    @Slot(object)
    def on_connection_failed(self, error: BaseException) -> None:
        self.banner.show_offline()
        self.router.route(error, view=self.status)

    @Slot(object)
    def on_session_ready(self, session: DeskSession) -> None:
        from moto_desk.gateway.keys import Mode

        if session.mode is Mode.LIVE:
            self.banner.show_live()
        elif session.mode is Mode.TEST:
            self.banner.show_test()
        else:
            note = self.tr("The Stripe key could not be read.") if session.key_problem else ""
            self.banner.show_demo(note)
        if session.key_problem:
            self.notice.show_notice(clerk_text(session.key_problem), "warning")
        if session.records_problem:
            self.notice.show_notice(clerk_text(session.records_problem), "warning")
        self._apply_shop_settings(session.shop)
        self._set_session(session)
        session.approvals = self.clerk_lock
        self.clerk_lock.on_session(session)
        self.status.show_idle()
        self.session_started.emit(session)
        if self._kept_charge_dialog is None:
            # The modules a save and a charge load on first use, imported off the GUI
            # thread; then the charge dialog, built while the clerk has not asked for it.
            self.runner.job(preload_modules).on_finished(self.on_modules_preloaded).run()

    def _set_session(self, session: DeskSession | None) -> None:
        self.session = session
        self._listen_to_shop(session)
        self.customers.set_session(session)
        self.saved_cards.set_session(session)
        self.readers.set_session(session, self.settings.default_reader_id)
        self._set_up_simulator(session)
        self._update_save_button()

    @Slot(object)
    def on_reconciled(self, settled: list[Settled]) -> None:
        for item in settled:
            log.info("reconciled %s %s: %s", item.entry_id, item.kind.value, item.note)
        attention = [item for item in settled if item.needs_attention]
        if attention:
            translate = QCoreApplication.translate
            lines = "\n".join(
                f"• {item.render_note(translate, self.language)}" for item in attention
            )
            self.notice.show_notice(
                self.tr(
                    "moto-desk checked the operations left unfinished last time. "
                    "Please look at these:\n{lines}"
                ).format(lines=lines),
                "warning",
            )
        from moto_desk.records.journal import JournalKind  # loaded by reconciliation already

        for item in settled:
            if self.session is None:
                break
            if item.kind is JournalKind.SAVE_CARD and item.state is None:
                # A save the last session left open (its reader still waits for the card):
                # offer Check again here rather than only at the next start.
                self.save_action.adopt_open_save(
                    self.session,
                    item.entry_id,
                    item.customer_id,
                    item.render_note(QCoreApplication.translate, self.language),
                )
                break
        self.reconciled.emit(settled)
        self._verify_ledger()

    def _verify_ledger(self) -> None:
        """Check the consent ledger once per start, from where the last check ended (a few
        ms; the whole chain only the first time), off the GUI thread; say so if it fails."""
        session = self.session
        if session is None:
            return

        def work() -> VerifyResult:
            from moto_desk.records.ledger_checkpoint import verify_from_checkpoint

            return verify_from_checkpoint(session.records_at)

        (
            self.runner.job(work)
            .on_success(self.on_ledger_verified)
            .on_failure(lambda error: log.warning("ledger check at start: %s", error))
            .run()
        )

    @Slot(object)
    def on_ledger_verified(self, result: VerifyResult) -> None:
        self.ledger_check = result
        if result.ok:
            return
        problems = "\n".join(f"• {problem}" for problem in result.problems[:3])
        self.notice.show_notice(
            self.tr(
                "The consent ledger does not verify: it was changed outside moto-desk. "
                "Tell your administrator (moto-desk ledger verify names every problem).\n"
                "{problems}"
            ).format(problems=problems),
            "warning",
        )

    @Slot(object)
    def on_reconcile_failed(self, error: BaseException) -> None:
        if isinstance(error, MotoDeskError):
            self.notice.show_notice(
                self.tr(
                    "moto-desk could not check the operations left unfinished last time: "
                    "{reason} It will try again at the next start."
                ).format(reason=clerk_text(error)),
                "warning",
            )
        else:
            self.router.route(error)
        self.reconciled.emit([])

    # ================================================================== simulator
    def _set_up_simulator(self, session: DeskSession | None) -> None:
        """The simulated-reader panel exists only in demo and test mode — never in live."""
        if session is None or session.mode.value == "live":  # (Mode.LIVE)
            if self.simulator_dock is not None:
                self.simulator_dock.hide()
                self.simulator_dock.deleteLater()
                self.simulator_dock = None
                self.simulator = None
            self.simulator_action.setEnabled(False)
            return
        from moto_desk.gateway.keys import Mode  # a session: after the first paint

        if self.simulator is None:
            # Imported on first use: keeps start-up light.
            from moto_desk.ui.training.simulator_panel import SimulatorPanel

            self.simulator = SimulatorPanel(self.runner, self.router, self)
            from PySide6.QtWidgets import QDockWidget

            dock = QDockWidget(self.tr("Simulated reader (F9)"), self)
            dock.setObjectName("simulatorDock")
            dock.setWidget(self.simulator)
            dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            # In demo mode the simulated reader is the only reader there is: every card is
            # presented from this panel, so it is open from the start (F9 hides it). With a
            # test key a real reader may be in use; the panel waits for F9. Shown here, the
            # window is laid out again once at start-up rather than at the first save.
            dock.setVisible(session is not None and session.mode is Mode.DEMO)
            self.simulator_dock = dock
            self.readers.reader_changed.connect(self.simulator.on_reader_changed)
        self.simulator.set_session(session)
        self.simulator.on_reader_changed(self.readers.current_reader())
        self.simulator_action.setEnabled(True)

    @Slot()
    def on_simulator_requested(self) -> None:
        dock = self.simulator_dock
        if dock is None:
            return
        dock.setVisible(not dock.isVisible())

    # ================================================================== the form
    @Slot()
    def on_find_requested(self) -> None:
        self.customers.focus_search()

    @Slot(object)
    def on_customer_changed(self, customer: Customer | None) -> None:
        previous = self._customer
        self._customer = customer
        changed = (previous.id if previous else None) != (customer.id if customer else None)
        if changed:
            # Consent is given by one customer: a new customer needs it again.
            self.consent.clear_consent()
            self.saved_cards.show_customer(customer)
        self._update_save_button()

    @Slot()
    def on_customer_confirmed(self) -> None:
        self.consent.focus_consent()

    @Slot(object)
    def on_reader_changed(self, _reader: Reader | None) -> None:
        self._update_save_button()

    @Slot(bool)
    def on_form_changed(self, _value: bool = False) -> None:
        self._update_save_button()

    def missing_for_save(self) -> list[str]:
        """What still stands between the clerk and Save, in the clerk's words."""
        missing = []
        if self.session is None:
            missing.append(self.tr("wait until moto-desk is connected"))
        if self._customer is None:
            missing.append(self.tr("choose a customer"))
        if not self.consent.consent_given():
            missing.append(self.tr("tick the consent box"))
        if self.readers.current_reader() is None:
            missing.append(self.tr("choose a reader"))
        if self.consent.terms() is None:
            missing.append(self.tr("the consent terms are missing"))
        if self.save_action.unknown_for(self._customer.id if self._customer else None):
            # A second save could keep the card twice; first learn what the last one did.
            missing.append(self.tr("press Check again to learn whether the last save worked"))
        return missing

    def _update_save_button(self) -> None:
        if self.save_action.running:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("A save is running (Esc cancels it)"))
            return
        missing = self.missing_for_save()
        self.save_button.setEnabled(not missing)
        if missing:
            self.save_button.setToolTip(
                self.tr("Save card (F5). Still to do: {steps}.").format(steps="; ".join(missing))
            )
        else:
            self.save_button.setToolTip(self.tr("Save the card on the reader (F5)"))

    # ================================================================== saving
    @Slot()
    def on_save_requested(self) -> None:
        if self.save_action.running:
            return
        missing = self.missing_for_save()
        session, customer = self.session, self._customer
        reader, terms = self.readers.current_reader(), self.consent.terms()
        if missing or session is None or customer is None or reader is None or terms is None:
            self.status.show_info(
                self.tr("Not ready to save yet"),
                self.tr("Still to do: {steps}.").format(steps="; ".join(missing)),
            )
            return
        form = SaveForm(
            customer=customer,
            reader=reader,
            channel=self.consent.channel(),
            allow_redisplay=self.consent.allow_redisplay(),
            terms=terms,
            consent_given=self.consent.consent_given(),
        )
        self.save_action.start(session, form)

    @Slot()
    def on_cancel_requested(self) -> None:
        self.save_action.cancel()

    @Slot(bool)
    def on_save_running_changed(self, running: bool) -> None:
        # The form stays as typed, but must not change under a running save.
        self.customers.set_enabled_for_work(not running)
        self.consent.set_enabled_for_work(not running)
        self.readers.set_enabled_for_work(not running)
        if running and self.simulator is not None:
            self.simulator.on_save_started()
        self.cancel_button.setEnabled(running)
        self._update_save_button()
        if not running and self.isActiveWindow():
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def on_card_saved(self, result: SaveResult | None) -> None:
        # The consent was used for this card; another card needs it given again.
        self.consent.clear_consent()
        customer = result.customer_id if result is not None else None
        self.changes.publish(Topic.CARDS, Topic.HISTORY, customer_id=customer)

    # ================================================================== charging
    @Slot()
    def on_charge_requested(self) -> None:
        session, customer = self.session, self._customer
        if self.dialogs.raise_open(CHARGE) is not None:
            return
        if session is None or customer is None or not self.saved_cards.can_charge():
            self.status.show_info(
                self.tr("Nothing to charge yet"),
                self.tr("Choose a customer who has a saved card, then press F6."),
            )
            return
        dialog = self._kept_charge_dialog or self._build_charge_dialog(session)
        dialog.start(
            session,
            customer=customer,
            cards=self.saved_cards.cards(),
            selected=self.saved_cards.selected_card(),
            currency=self.settings.default_currency,
        )
        self.dialogs.opened(CHARGE, dialog)

    def _build_charge_dialog(self, session: DeskSession) -> ChargeDialog:
        """The one charge dialog, kept (not deleted on close) and filled in at each F6."""
        from moto_desk.ui.payments.charge_dialog import ChargeDialog  # not before first paint

        dialog = ChargeDialog(self.runner, self.router, session, locale=self.language, parent=self)
        dialog.charge_completed.connect(self.on_charge_completed)
        dialog.receipt_requested.connect(self.on_receipt_requested)
        dialog.card_charge_ended.connect(self.status.withdraw_charge_offer)
        self._kept_charge_dialog = dialog
        return dialog

    @Slot(object)
    def on_charge_completed(self, _result: object) -> None:
        # The charge dialog is window-modal: the customer chosen is the one charged.
        customer = self._customer.id if self._customer is not None else None
        self.changes.publish(Topic.HISTORY, customer_id=customer)

    @Slot(str)
    def on_receipt_requested(self, payment_intent_id: str) -> None:
        """The charge dialog's Receipt…: the History, on that payment (receipts are printed
        and saved there)."""
        self.on_history_requested()
        history = self.history_dialog()
        if history is not None:
            history.select_payment(payment_intent_id)

    @Slot()
    def on_modules_preloaded(self) -> None:
        self._prepare_charge_dialog()

    def _prepare_charge_dialog(self) -> None:
        """Build the charge dialog before the clerk first asks for it, one piece per turn of
        the event loop (each under a frame): built at F6, it froze the window for about two
        frames."""
        session = self.session
        if self._closed or session is None:
            return
        if self._kept_charge_dialog is None:
            self._build_charge_dialog(session)
        elif not self._kept_charge_dialog.prepare_page():
            return
        QTimer.singleShot(0, self, self._prepare_charge_dialog)

    def charge_dialog(self) -> ChargeDialog | None:
        return self.dialogs.current(CHARGE)  # type: ignore[return-value]

    # ================================================================== consent and card health
    @Slot()
    def on_evidence_requested(self) -> None:
        self.open_evidence()

    def open_evidence(self) -> ConsentEvidenceDialog | None:
        """Open the selected customer's consent evidence (one dialog at a time)."""
        session, customer = self.session, self._customer
        current = self.evidence_dialog()
        if current is not None:
            if session is not None and customer is not None and current.customer() == customer:
                self.dialogs.raise_open(EVIDENCE)
                return current
            current.close()
        if session is None or customer is None:
            self.status.show_info(
                self.tr("No customer chosen"),
                self.tr("Choose a customer to see the consent evidence (Ctrl+E)."),
            )
            return None
        # Imported on first use: keeps start-up light.
        from moto_desk.ui.after_sale.consent_evidence_dialog import ConsentEvidenceDialog

        dialog = ConsentEvidenceDialog(
            self.runner,
            self.router,
            session,
            customer=customer,
            cards=self.saved_cards.cards(),
            shop_name=self.document_settings().shop_name,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.card_removed.connect(self.on_card_removed)
        self.changes.changed.connect(dialog.on_changed)
        return self.dialogs.opened(EVIDENCE, dialog)

    @Slot(object)
    def on_card_removal_requested(self, card: SavedCard) -> None:
        dialog = self.open_evidence()
        if dialog is not None:
            dialog.start_removal(card)

    @Slot(object)
    def on_card_removed(self, card: SavedCard) -> None:
        self.status.withdraw_charge_offer(card.payment_method_id)
        self.changes.publish(Topic.CARDS, Topic.HISTORY, customer_id=card.customer_id)

    def document_settings(self) -> DeskSettings:
        """The settings as receipts and the consent evidence name the shop: with no name in
        Settings, the shop as Stripe knows it — the location of this desk's reader ("Main
        street shop" in demo mode), rather than "(no shop name set)" under a named shop."""
        settings = self.settings
        if settings.shop_name.strip():
            return settings
        reader = self.readers.current_reader()
        location = reader.location_name if reader is not None else None
        return replace(settings, shop_name=location) if location else settings

    def evidence_dialog(self) -> ConsentEvidenceDialog | None:
        return self.dialogs.current(EVIDENCE)  # type: ignore[return-value]

    @Slot()
    def on_card_health_requested(self) -> None:
        """Open the shop's card health list (one dialog at a time)."""
        if self.dialogs.raise_open(CARD_HEALTH) is not None:
            return
        if self.session is None:
            self.status.show_info(
                self.tr("Not connected yet"),
                self.tr("Wait until moto-desk is connected, then check the cards again."),
            )
            return
        # Imported on first use: keeps start-up light.
        from moto_desk.ui.after_sale.card_health_dialog import CardHealthDialog

        dialog = CardHealthDialog(self.runner, self.router, self.session, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.changes.changed.connect(dialog.on_changed)
        self.dialogs.opened(CARD_HEALTH, dialog)

    def card_health_dialog(self) -> CardHealthDialog | None:
        return self.dialogs.current(CARD_HEALTH)  # type: ignore[return-value]

    # ================================================================== history
    @Slot()
    def on_history_requested(self) -> None:
        from moto_desk.ui.after_sale.history_dialog import HistoryDialog

        if self.dialogs.raise_open(HISTORY) is not None:
            return
        if self.session is None:
            self.status.show_info(
                self.tr("Not connected yet"),
                self.tr("The history opens once moto-desk is connected."),
            )
            return
        dialog = HistoryDialog(
            self.runner,
            self.router,
            self.session,
            settings=self.document_settings,
            locale=self.language,
            changes=self.changes,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.changes.changed.connect(dialog.on_changed)
        self.dialogs.opened(HISTORY, dialog, modal_to_window=False)

    def history_dialog(self) -> HistoryDialog | None:
        return self.dialogs.current(HISTORY)  # type: ignore[return-value]

    # ================================================================== settings
    @Slot()
    def on_settings_requested(self) -> None:
        from moto_desk.domain.roles import Action

        if not self.clerk_lock.allows(Action.SETTINGS):
            return
        if self.dialogs.raise_open(SETTINGS) is not None:
            return
        # Imported on first use: keeps start-up light.
        from moto_desk.ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.runner,
            self.router,
            self.store,
            settings=self.settings,
            readers=self.readers.readers(),
            language_in_use=self.language,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_saved.connect(self.on_settings_saved)
        self.dialogs.opened(SETTINGS, dialog)

    def settings_dialog(self) -> SettingsDialog | None:
        return self.dialogs.current(SETTINGS)  # type: ignore[return-value]

    @Slot(object)
    def on_settings_saved(self, saved: SavedSettings) -> None:
        self.settings = saved.settings
        self.save_action.reader_wait_s = float(saved.settings.reader_wait_s)
        self.customers.set_phone_country(saved.settings.phone_country)
        self._load_terms()
        if saved.reconnect:
            self.reconnect()

    def reconnect(self) -> None:
        """Restart the backend with the new key or mode (not during a payment)."""
        if self.runner.payment_jobs_open:
            self.notice.show_notice(
                self.tr(
                    "The new settings are saved. They take effect when the current payment "
                    "has finished and you open Settings again, or at the next start."
                ),
                "info",
            )
            return
        old = self.session
        self._set_session(None)
        self.connection.reconnect(old, self.settings)

    # ================================================================== help
    @Slot()
    def on_support_bundle_requested(self) -> None:
        """Ask where to write a support bundle, then write it in a job."""
        if self._support_bundle is None:
            # Imported on first use: keeps start-up light.
            from moto_desk.ui.shell.support_bundle_action import SupportBundleAction

            self._support_bundle = SupportBundleAction(
                self.runner, self.router, self, self.options.data_dir
            )
        self._support_bundle.start(self.session, self.settings)

    def support_bundle(self) -> SupportBundleAction | None:
        return self._support_bundle

    @Slot()
    def on_about_requested(self) -> None:
        """Versions and where this desk's files are (one About box at a time)."""
        if self.dialogs.raise_open(ABOUT) is not None:
            return
        # Imported on first use: keeps start-up light.
        from moto_desk.diagnostics.bundle import bundle_versions
        from moto_desk.paths import log_dir
        from moto_desk.ui.shell.about_dialog import AboutDialog

        dialog = AboutDialog(
            bundle_versions(),
            self.options.data_dir,
            log_dir(self.options.data_dir),
            self.store.path,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialogs.opened(ABOUT, dialog)

    def about_dialog(self) -> AboutDialog | None:
        return self.dialogs.current(ABOUT)  # type: ignore[return-value]

    # ================================================================== quitting
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802  Qt's name
        if self.runner.payment_jobs_open and not self._quit_confirmed:
            event.ignore()
            self._ask_quit()
            return
        self.shutdown()
        event.accept()

    def _ask_quit(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("A payment is in progress"),
            self.tr(
                "A card save or charge is still in progress. If you quit now, moto-desk asks "
                "the reader to stop and records what happened; the result is checked again at "
                "the next start.\n\nQuit anyway?"
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("quitConfirmation")
        quit_button = box.addButton(self.tr("Quit anyway"), QMessageBox.ButtonRole.AcceptRole)
        quit_button.setObjectName("quitAnywayButton")
        stay = box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is quit_button:
                self._quit_confirmed = True
                QTimer.singleShot(0, self.close)

        box.finished.connect(answered)
        box.open()

    def _apply_shop_settings(self, shop: dict[str, str]) -> None:
        """What the shop sets for every desk wins over this desk's file: every desk reads the
        same shop name in the terms and prints the same name and address on receipts."""
        from moto_desk.records.shop_settings import SHOP_ADDRESS, SHOP_NAME

        name, address = shop.get(SHOP_NAME), shop.get(SHOP_ADDRESS)
        if not name and not address:
            return
        self.settings = replace(
            self.settings,
            shop_name=name or self.settings.shop_name,
            shop_address=address or self.settings.shop_address,
        )
        self._load_terms()

    def _listen_to_shop(self, session: DeskSession | None) -> None:
        """With the shop's records, other desks' changes refresh what this window shows."""
        if self._shop_changes is not None:
            self._shop_changes.stop()
        if session is None or not session.records_url:
            return
        if self._shop_changes is None:
            from moto_desk.ui.shell.shop_changes import ShopChanges

            self._shop_changes = ShopChanges(self.changes, self)
        self._shop_changes.start(session.records_url, session.desk)

    def shop_changes(self) -> ShopChanges | None:
        return self._shop_changes

    def shutdown(self) -> None:
        """Cancel what runs, wait for the workers, stop the embedded simulator."""
        if self._closed:
            return
        self._closed = True
        self.clerk_lock.shutdown()
        if self._shop_changes is not None:
            self._shop_changes.stop()
        self.customers.stop()
        self.connection.close()
        self.save_action.cancel()
        self.runner.shutdown(wait=True)
        if self.session is not None:
            self.session.close()


class _FirstPaint(QObject):
    """Emits the window's ``first_painted`` once its first frame is drawn, then stops
    watching. (An override of ``paintEvent`` called into Python at every paint of the
    window, dozens per save, each waiting for the GIL while a job ran.)"""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint pass (the children paint after the window): the frame is up.
            QTimer.singleShot(0, self._window, self._window.first_painted.emit)
        return False
