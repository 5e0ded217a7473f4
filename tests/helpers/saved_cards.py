"""A saved card without the terminal flow: a ``card`` PaymentMethod put straight into state.

The terminal module saves cards by MOTO on a simulated reader; tests of the payment side
only need the result, a PaymentMethod attached to a customer and backed by a test card.
"""

from __future__ import annotations

import time

from moto_desk.simulator import Simulator, cards


def save_card(
    sim: Simulator,
    customer_id: str | None,
    number: str = "4242424242424242",
    *,
    exp_month: int = 12,
    exp_year: int = 2030,
    allow_redisplay: str = "unspecified",
) -> str:
    """Store a ``card`` PaymentMethod for test card ``number``; its id."""
    with sim.state.lock:
        pm = cards.create_card_payment_method(
            sim.state,
            cards.CARDS[number],
            exp_month,
            exp_year,
            cvc_supplied=True,
            created=int(time.time()),
            customer=customer_id,
            allow_redisplay=allow_redisplay,
        )
        sim.state.commit()
    return str(pm["id"])
