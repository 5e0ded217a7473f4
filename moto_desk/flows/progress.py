"""Progress of a flow, reported through a plain callback (the GUI turns it into signals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Step(StrEnum):
    """The steps a clerk sees in the status panel, in order."""

    RECORDING_CONSENT = "recording_consent"
    CREATING_INTENT = "creating_intent"
    SENDING_TO_READER = "sending_to_reader"
    WAITING_FOR_CARD = "waiting_for_card"
    CANCELING = "canceling"
    VERIFYING = "verifying"
    CHARGING = "charging"
    CHECKING_OUTCOME = "checking_outcome"
    REFUNDING = "refunding"
    REMOVING_CARD = "removing_card"
    DONE = "done"


@dataclass(frozen=True)
class Progress:
    """One report: the step, the reader's label when a reader is involved, seconds waited."""

    step: Step
    reader_label: str | None = None
    waited_s: float = 0.0
    entry_id: str | None = None


ProgressCallback = Callable[[Progress], None]


def ignore_progress(progress: Progress) -> None:
    """The default callback, for headless callers that do not show progress."""
