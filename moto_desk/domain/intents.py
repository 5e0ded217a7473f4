"""What the flows need to know of a SetupIntent, read back from Stripe."""

from __future__ import annotations

from dataclasses import dataclass, field

from moto_desk.domain.models import SavedCard


@dataclass(frozen=True)
class SetupIntentState:
    """A SetupIntent as the save flow sees it.

    ``card`` is set once the intent succeeded; ``error_*`` describe the last failed attempt
    (Stripe's ``last_setup_error``), so a decline can be told apart from a cancel.
    """

    id: str
    status: str
    customer_id: str | None
    card: SavedCard | None = None
    error_code: str | None = None
    decline_code: str | None = None
    error_message: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"
