"""Races around one reader: two desks commanding it at once, and a cancel against an approval."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import stripe

from moto_desk.simulator import Simulator
from tests.conftest import make_client


@pytest.fixture
def reader(sim: Simulator) -> str:
    return str(sim.seed_demo()["readers"]["Front desk"])


def _intent(client: stripe.StripeClient) -> str:
    customer = client.v1.customers.create({"name": "Tom Whitaker"}).id
    return client.v1.setup_intents.create(
        {"customer": customer, "allowed_payment_method_types": ["card"]}
    ).id


def _moto(client: stripe.StripeClient, reader: str, intent: str) -> stripe.terminal.Reader:
    return client.v1.terminal.readers.process_setup_intent(
        reader,
        {
            "setup_intent": intent,
            "allow_redisplay": "always",
            "process_config": {"moto": True},  # type: ignore[typeddict-unknown-key]
        },
    )


def test_two_desks_race_for_one_reader(sim: Simulator, reader: str) -> None:
    desks = [make_client(sim), make_client(sim)]
    intents = [_intent(desk) for desk in desks]
    start = threading.Barrier(len(desks))
    outcomes: dict[int, Any] = {}

    def desk(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = _moto(desks[index], reader, intents[index])
        except stripe.InvalidRequestError as error:
            outcomes[index] = error

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    won = [n for n, result in outcomes.items() if isinstance(result, stripe.terminal.Reader)]
    lost = [n for n, result in outcomes.items() if isinstance(result, stripe.InvalidRequestError)]
    assert len(won) == 1 and len(lost) == 1
    assert outcomes[lost[0]].code == "terminal_reader_busy"
    action = desks[0].v1.terminal.readers.retrieve(reader).action
    assert action is not None and action.process_setup_intent is not None
    assert action.process_setup_intent.setup_intent == intents[won[0]]


def test_cancel_loses_to_an_authorisation_in_flight(
    client: stripe.StripeClient, sim: Simulator, reader: str
) -> None:
    sim.configure(processing_delay_s=0.6)
    intent = _intent(client)
    _moto(client, reader, intent)
    presented = client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert presented.action is not None and presented.action.status == "in_progress"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.terminal.readers.cancel_action(reader)
    assert caught.value.code == "terminal_reader_busy"
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    assert caught.value.code == "terminal_reader_busy"
    deadline = time.monotonic() + 3
    while client.v1.setup_intents.retrieve(intent).status != "succeeded":
        assert time.monotonic() < deadline, "the authorisation never completed"
        time.sleep(0.05)
    action = client.v1.terminal.readers.retrieve(reader).action
    assert action is not None and action.status == "succeeded"


def test_cancel_after_the_approval_shows_the_approval(
    client: stripe.StripeClient, reader: str
) -> None:
    intent = _intent(client)
    _moto(client, reader, intent)
    client.v1.test_helpers.terminal.readers.present_payment_method(reader)
    after = client.v1.terminal.readers.cancel_action(reader)
    assert after.action is not None
    assert after.action.status == "succeeded"
    assert client.v1.setup_intents.retrieve(intent).status == "succeeded"


def test_cancel_after_a_decline_shows_the_decline(client: stripe.StripeClient, reader: str) -> None:
    intent = _intent(client)
    _moto(client, reader, intent)
    client.v1.test_helpers.terminal.readers.present_payment_method(
        reader,
        {"type": "card", "card": {"number": "4000000000000002", "exp_month": 12, "exp_year": 2099}},
    )
    after = client.v1.terminal.readers.cancel_action(reader)
    assert after.action is not None
    assert after.action.status == "failed"
    assert after.action.failure_code == "card_declined"


def test_many_desks_one_winner(sim: Simulator, reader: str) -> None:
    desks = [make_client(sim) for _ in range(6)]
    intents = [_intent(desk) for desk in desks]
    start = threading.Barrier(len(desks))
    codes: list[str | None] = []
    lock = threading.Lock()

    def desk(index: int) -> None:
        start.wait()
        try:
            _moto(desks[index], reader, intents[index])
            code = None
        except stripe.InvalidRequestError as error:
            code = error.code
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(codes, key=str) == [None] + ["terminal_reader_busy"] * (len(desks) - 1)
