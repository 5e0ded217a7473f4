"""``--state FILE``: a demo's objects, saved cards, reader state and idempotent replays survive
a restart of the simulator on the same SQLite file."""

from __future__ import annotations

import time
from pathlib import Path

import stripe

from moto_desk.simulator import Simulator
from tests.conftest import make_client


def _save_card(client: stripe.StripeClient, reader: str, customer: str) -> str:
    intent = client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": ["card"]}
    ).id
    client.v1.terminal.readers.process_setup_intent(
        reader,
        {
            "setup_intent": intent,
            "allow_redisplay": "always",
            "process_config": {"moto": True},  # type: ignore[typeddict-unknown-key]
        },
    )
    client.v1.test_helpers.terminal.readers.present_payment_method(
        reader,
        {"type": "card", "card": {"number": "5555555555554444", "exp_month": 9, "exp_year": 2040}},
    )
    return intent


def test_objects_and_saved_cards_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    with Simulator(state_path=path) as sim:
        client = make_client(sim)
        seeded = sim.seed_demo()
        customer = client.v1.customers.create(
            {"name": "Hélène Lefèvre"}, {"idempotency_key": "create-helene"}
        )
        intent = _save_card(client, seeded["readers"]["Phone desk"], customer.id)
        sim.configure(reader_timeout_s=42.0)
        sim.set_reader(seeded["readers"]["Front desk"], status="offline", timeout_delivered=2)

    with Simulator(state_path=path) as sim:
        client = make_client(sim)
        assert sim.seed_demo() == seeded  # nothing added the second time
        assert len(client.v1.terminal.readers.list().data) == 2
        si = client.v1.setup_intents.retrieve(intent, {"expand": ["latest_attempt"]})
        assert si.status == "succeeded"
        assert isinstance(si.latest_attempt, stripe.SetupAttempt)
        assert si.latest_attempt.payment_method_details.card is not None
        assert si.latest_attempt.payment_method_details.card.moto is True
        saved = client.v1.customers.payment_methods.list(customer.id).data
        assert [pm.id for pm in saved] == [si.payment_method]
        assert saved[0].card is not None and saved[0].card.last4 == "4444"

        replay = client.v1.customers.create(
            {"name": "Hélène Lefèvre"}, {"idempotency_key": "create-helene"}
        )
        assert replay.id == customer.id
        assert replay.last_response is not None
        assert replay.last_response.headers.get("Idempotent-Replayed") == "true"

        assert sim.state.settings.reader_timeout_s == 42.0
        front = client.v1.terminal.readers.retrieve(seeded["readers"]["Front desk"])
        assert front.status == "offline"
        assert sim.set_reader(front.id)["flags"]["timeout_delivered"] == 2


def test_a_pending_action_keeps_its_deadlines_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "pending.sqlite"
    with Simulator(state_path=path) as sim:
        client = make_client(sim)
        seeded = sim.seed_demo()
        phone, front = seeded["readers"]["Phone desk"], seeded["readers"]["Front desk"]
        sim.configure(reader_timeout_s=0.4)
        sim.set_reader(front, auto_present={"number": "4242424242424242", "delay_s": 0.1})
        customer = next(iter(seeded["customers"].values()))
        for reader in (phone, front):
            intent = client.v1.setup_intents.create(
                {"customer": customer, "allowed_payment_method_types": ["card"]}
            ).id
            client.v1.terminal.readers.process_setup_intent(
                reader,
                {
                    "setup_intent": intent,
                    "allow_redisplay": "limited",
                    "process_config": {"moto": True},  # type: ignore[typeddict-unknown-key]
                },
            )

    with Simulator(state_path=path) as sim:
        client = make_client(sim)
        deadline = time.monotonic() + 3
        while True:
            actions = [client.v1.terminal.readers.retrieve(r).action for r in (phone, front)]
            statuses = [a.status if a is not None else None for a in actions]
            if "in_progress" not in statuses:
                break
            assert time.monotonic() < deadline, statuses
            time.sleep(0.05)
        timed_out, keyed_in = actions
        assert timed_out is not None and timed_out.failure_code == "reader_timeout"
        assert keyed_in is not None and keyed_in.status == "succeeded"
        assert len(client.v1.customers.payment_methods.list(customer).data) == 1
