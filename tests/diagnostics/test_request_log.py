"""The Stripe request log, recorded by the real SDK over HTTP against the simulator."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from moto_desk.backend import DEMO_KEY, start_backend
from moto_desk.diagnostics import request_log
from moto_desk.diagnostics.request_log import (
    MAX_ENTRIES,
    RequestLog,
    RequestRecord,
    read_request_log,
    request_log_path,
)
from moto_desk.domain.errors import MotoDeskError
from moto_desk.gateway.client import Gateway
from moto_desk.gateway.keys import classify
from moto_desk.simulator import Simulator
from tests.helpers.private_modes import assert_owner_only

REQUEST_ID = re.compile(r"^req_[A-Za-z0-9]+$")


def test_each_request_is_recorded_with_its_status_id_and_duration_never_its_query(
    sim: Simulator, tmp_path: Path
) -> None:
    log_file = request_log_path(tmp_path)
    gateway = Gateway(DEMO_KEY, sim.url, request_log=log_file)
    gateway.check_access()
    gateway.customers_by_email("ada.lovelace@example.com")
    gateway.search_customers("Lovelace")

    entries = read_request_log(log_file)
    assert [(e.method, e.path, e.status) for e in entries] == [
        ("GET", "/v1/customers", 200),
        ("GET", "/v1/customers", 200),
        ("GET", "/v1/customers/search", 200),
    ]
    assert all(e.request_id and REQUEST_ID.match(e.request_id) for e in entries)
    assert len({e.request_id for e in entries}) == 3
    assert all(0 < e.duration_ms < 10_000 and e.error is None for e in entries)
    assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", e.time) for e in entries)
    raw = log_file.read_text(encoding="utf-8")
    for secret in ("ada.lovelace", "example.com", "Lovelace", DEMO_KEY.secret, "limit"):
        assert secret not in raw
    assert_owner_only(log_file)
    assert_owner_only(log_file.parent)


def test_every_attempt_is_an_entry_and_failures_keep_their_status(
    sim: Simulator, tmp_path: Path
) -> None:
    log_file = tmp_path / "requests.jsonl"
    gateway = Gateway(DEMO_KEY, sim.url, request_log=log_file, max_network_retries=2)
    sim.faults.add(kind="status", status=503, method="GET", path="^/v1/terminal/readers$", times=1)
    gateway.list_readers()  # the SDK retries the 503 by itself
    with pytest.raises(MotoDeskError):
        gateway.get_customer("cus_missing")

    entries = read_request_log(log_file)
    assert [(e.path, e.status) for e in entries] == [
        ("/v1/terminal/locations", 200),
        ("/v1/terminal/readers", 503),
        ("/v1/terminal/readers", 200),
        ("/v1/customers/cus_missing", 404),
    ]
    assert entries[1].request_id != entries[2].request_id


def test_no_answer_is_an_entry_without_status(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_file = tmp_path / "requests.jsonl"
    gateway = Gateway(
        DEMO_KEY, f"http://127.0.0.1:{port}", request_log=log_file, max_network_retries=0
    )
    with pytest.raises(MotoDeskError):
        gateway.check_access()
    (entry,) = read_request_log(log_file)
    assert (entry.method, entry.path, entry.status, entry.request_id) == (
        "GET",
        "/v1/customers",
        None,
        None,
    )
    assert entry.error == "ConnectionError"


def test_the_log_keeps_the_last_200_requests(
    sim: Simulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = tmp_path / "requests.jsonl"
    # ~250 entries of ~160 bytes: the file is trimmed once in this test.
    monkeypatch.setattr(request_log, "TRIM_AT_BYTES", 40 * 1024)
    gateway = Gateway(DEMO_KEY, sim.url, request_log=log_file)
    for number in range(MAX_ENTRIES + 60):
        with pytest.raises(MotoDeskError):
            gateway.get_customer(f"cus_{number:04d}")

    entries = read_request_log(log_file)
    assert len(entries) == MAX_ENTRIES
    assert entries[0].path == "/v1/customers/cus_0060"
    assert entries[-1].path == f"/v1/customers/cus_{MAX_ENTRIES + 59:04d}"
    kept = log_file.read_text(encoding="utf-8").splitlines()
    assert MAX_ENTRIES <= len(kept) < MAX_ENTRIES + 60  # trimmed, not rewritten per request
    assert_owner_only(log_file)


def test_the_window_and_command_line_backend_record_into_the_data_folder(
    sim: Simulator, tmp_path: Path
) -> None:
    data = tmp_path / "desk"
    backend = start_backend(
        data,
        key=classify("sk_test_request_log_0000"),
        api_base=sim.url,
        request_log=request_log_path(data),
    )
    try:
        backend.gateway.list_readers()
    finally:
        backend.close()
    assert [e.path for e in read_request_log(request_log_path(data))] == [
        "/v1/terminal/locations",
        "/v1/terminal/readers",
    ]
    # Without the parameter nothing is recorded (existing callers keep their behaviour).
    plain = start_backend(tmp_path / "other", key=classify("sk_test_x_00000000"), api_base=sim.url)
    plain.gateway.list_readers()
    assert not (tmp_path / "other").exists()


def test_a_torn_line_is_skipped_and_an_unwritable_log_never_fails_a_request(
    sim: Simulator, tmp_path: Path
) -> None:
    log_file = tmp_path / "requests.jsonl"
    good = RequestRecord("2026-01-01T00:00:00.000Z", "GET", "/v1/customers", 200, "req_1", 3.5)
    log_file.write_text(
        json.dumps(good.to_json()) + "\n" + '{"time": "2026-01-01T00:00:01.0' + "\n",
        encoding="utf-8",
    )
    assert read_request_log(log_file) == [good]
    assert read_request_log(tmp_path / "absent.jsonl") == []

    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    gateway = Gateway(DEMO_KEY, sim.url, request_log=blocked / "logs" / "requests.jsonl")
    gateway.check_access()  # the entry cannot be written; the request still succeeds
    assert RequestLog(blocked / "x.jsonl").entries() == []
