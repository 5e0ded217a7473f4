"""The support bundle after a scripted session on the simulator (real SDK, real flows, real log
file): what it holds, and — by the secret scan of ``tests/test_secret_scan.py`` plus checks for
the customer's details — what it must never hold."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from moto_desk.backend import start_backend
from moto_desk.diagnostics.bundle import (
    bundle_versions,
    read_settings_file,
    write_support_bundle,
)
from moto_desk.diagnostics.doctor import run_doctor
from moto_desk.diagnostics.request_log import read_request_log, request_log_path
from moto_desk.domain.consent import load_terms
from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.models import AllowRedisplay, Channel, Customer
from moto_desk.domain.money import Money
from moto_desk.flows.charge import ChargeRequest, charge_saved_card
from moto_desk.flows.context import DeskIdentity, FlowContext
from moto_desk.flows.customers import NewCustomer, create_customer
from moto_desk.flows.readers import list_readers
from moto_desk.flows.save_card import SaveRequest, save_card
from moto_desk.paths import database_path, log_dir
from moto_desk.settings import DeskSettings, SettingsStore
from moto_desk.simulator import Simulator
from moto_desk.ui.shell.log_setup import setup_logging
from tests.helpers.memory_keyring import memory_keyring_installed
from tests.helpers.private_modes import assert_owner_only
from tests.test_secret_scan import KEY, problems_in_text

ROOT = Path(__file__).resolve().parent.parent.parent
EMAIL = "ada.lovelace.bundle@example.com"
PHONE = "+44 20 7946 0000"  # stored by Stripe as +442079460000
NAME = "Augusta Ada Lovelace"


@dataclass
class Session:
    data: Path
    ctx: FlowContext
    customer: Customer
    charge_id: str


@pytest.fixture
def desk_log() -> Iterator[None]:
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "moto_desk", False)]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def session(
    sim: Simulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, desk_log: None
) -> Iterator[Session]:
    """A clerk's morning, headless: the key from STRIPE_API_KEY, a customer with an email and
    a phone, a card saved on the reader by MOTO, a charge; the log file written as the window
    writes it."""
    sim.seed_demo()
    data = tmp_path / "desk"
    with memory_keyring_installed():
        monkeypatch.setenv("STRIPE_API_KEY", KEY)
        assert setup_logging(data) is not None
        backend = start_backend(data, api_base=sim.url, request_log=request_log_path(data))
        try:
            ctx = FlowContext(
                backend.gateway, database_path(data), DeskIdentity("alice", "Front counter")
            )
            customer = create_customer(ctx, NewCustomer(NAME, EMAIL, PHONE))
            reader = next(r for r in list_readers(ctx) if r.label == "Front desk")
            sim.set_reader(
                reader.id,
                auto_present={
                    "number": "4242424242424242",
                    "exp_month": 12,
                    "exp_year": time.gmtime().tm_year + 2,
                    "cvc": "123",
                    "delay_s": 0.05,
                },
            )
            saved = save_card(
                ctx,
                SaveRequest(
                    customer_id=customer.id,
                    customer_name=NAME,
                    reader_id=reader.id,
                    reader_label=reader.label,
                    channel=Channel.PHONE,
                    allow_redisplay=AllowRedisplay.LIMITED,
                    terms=load_terms("en"),
                    consent_given=True,
                    deadline_s=20,
                ),
            ).card
            charged = charge_saved_card(
                ctx, ChargeRequest(customer.id, saved, Money(1234, "usd"), receipt_email=EMAIL)
            )
            # What a library might log about the customer: redacted in the file already.
            logging.getLogger("urllib3").warning(
                "GET /v1/customers/search?query=email~'%s' for %s", EMAIL, PHONE
            )
            yield Session(data, ctx, customer, charged.payment_intent_id)
        finally:
            backend.close()


def read_zip(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_a_bundle_holds_what_support_needs(session: Session, tmp_path: Path) -> None:
    report = run_doctor(session.ctx)
    settings = {"desk_name": "Front counter", "shop_name": "Corner Shop", "phone_country": "GB"}
    out = tmp_path / "out" / "support.zip"
    out.parent.mkdir()
    summary = write_support_bundle(session.data, out, doctor=report, settings=settings)

    assert summary.path == out
    assert_owner_only(out)
    files = read_zip(out)
    assert summary.names() == list(files)
    assert {f.name: f.size for f in summary.files} == {
        name: len(text.encode("utf-8")) for name, text in files.items()
    }
    assert list(files) == [
        "README.txt",
        "versions.json",
        "doctor.txt",
        "doctor.json",
        "settings.json",
        "logs/moto-desk.log",
        "stripe-requests.jsonl",
        "records.json",
    ]

    versions = json.loads(files["versions.json"])
    assert versions["moto-desk"] == version("moto-desk")
    assert versions["pyside6"] == version("PySide6-Essentials")
    assert versions["stripe"] == version("stripe")
    assert versions["stripe_api_version"] == "2026-10-28.endive"
    assert versions["python"].count(".") == 2
    assert versions["data_folder"] == str(session.data)

    doctor = json.loads(files["doctor.json"])
    assert doctor["key"] == f"sk_test_…{KEY[-4:]}"
    assert [f["topic"] for f in doctor["findings"]][:3] == ["key", "access", "readers"]
    assert files["doctor.txt"].splitlines()[0].startswith("mode: test")
    assert json.loads(files["settings.json"]) == settings

    records = json.loads(files["records.json"])
    assert records["journal"] == {
        "charge": {"succeeded": 1},
        "create_customer": {"succeeded": 1},
        "save_card": {"succeeded": 1},
    }
    assert records["journal_open_entries"] == 0
    assert records["ledger"] == {"card_saved": 1, "consent": 1}
    assert records["ledger_verification"] == {"ok": True, "records": 2, "problems": []}

    requests = [json.loads(line) for line in files["stripe-requests.jsonl"].splitlines()]
    assert requests == [r.to_json() for r in read_request_log(request_log_path(session.data))]
    charge = [r for r in requests if (r["method"], r["path"]) == ("POST", "/v1/payment_intents")]
    assert len(charge) == 1 and charge[0]["status"] == 200
    assert charge[0]["request_id"].startswith("req_")
    paths = [r["path"] for r in requests]
    assert [(r["method"], r["path"]) for r in requests[:2]] == [
        ("GET", "/v1/customers"),  # is there a customer with this email already?
        ("POST", "/v1/customers"),
    ]
    assert paths[1:5] == [
        "/v1/customers",
        "/v1/terminal/locations",
        "/v1/terminal/readers",
        "/v1/setup_intents",
    ]
    assert any(p.endswith("/process_setup_intent") for p in paths)

    assert (
        "GET /v1/customers/search?query=email~'[email]' for [phone]"
        in (files["logs/moto-desk.log"])
    )
    assert "not inside, by design" in files["README.txt"].lower()


def test_a_bundle_holds_no_key_card_number_or_customer_detail(
    session: Session, tmp_path: Path
) -> None:
    """The secret scan, on every file in the bundle, after the session — and an older log
    (as an earlier moto-desk, or a library, may have written it) with all of it in clear."""
    older = log_dir(session.data) / "moto-desk.log.1"
    older.write_text(
        f"2026-11-02 09:14:03,512 INFO moto_desk: customer Customer(id='{session.customer.id}', "
        f"name='{NAME}', email='{EMAIL}', phone='+442079460000')\n"
        f"2026-11-02 09:14:04,001 WARNING stripe: GET /v1/customers/search?query=email~%27"
        f"{EMAIL.replace('@', '%40')}%27+OR+phone~%272079460000%27\n"
        f'2026-11-02 09:14:05,000 ERROR moto_desk: {{"name": "{NAME}", "email": "{EMAIL}"}}\n'
        f"2026-11-02 09:14:06,000 ERROR moto_desk: key {KEY} card 4242 4242 4242 4242 cvc=123\n",
        encoding="utf-8",
    )
    out = tmp_path / "support.zip"
    write_support_bundle(
        session.data,
        out,
        doctor=run_doctor(session.ctx),
        settings=read_settings_file(tmp_path / "no-settings.json"),
    )
    files = read_zip(out)
    assert "logs/moto-desk.log.1" in files
    found: list[str] = []
    for name, text in files.items():
        found += problems_in_text(text, name)
        for detail in (
            EMAIL,
            EMAIL.split("@", maxsplit=1)[0],
            "Lovelace",
            "Augusta",
            "7946",
            "2079460000",
        ):
            if detail in text:
                found.append(f"{name}: holds the customer's {detail!r}")
    assert found == []
    old = files["logs/moto-desk.log.1"]
    assert f"Customer(id='{session.customer.id}', name='[redacted]'" in old
    assert "2026-11-02 09:14:03,512 INFO" in old  # the times survive
    assert "key [api key] card [card number]" in old


def test_a_new_desk_gets_a_bundle_without_a_database_being_created(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    out = tmp_path / "fresh.zip"
    summary = write_support_bundle(data, out, app_versions={"moto-desk": "9.9.9"})
    files = read_zip(out)
    assert json.loads(files["records.json"]) == {"database": "none yet"}
    assert files["stripe-requests.jsonl"] == ""
    assert json.loads(files["versions.json"])["moto-desk"] == "9.9.9"
    assert not any(name.startswith("logs/") for name in summary.names())
    assert not data.exists()


def test_only_the_newest_log_files_go_in(tmp_path: Path) -> None:
    logs = log_dir(tmp_path)
    logs.mkdir(parents=True)
    for age, name in enumerate(["moto-desk.log", *(f"moto-desk.log.{n}" for n in range(1, 7))]):
        path = logs / name
        path.write_text(f"{name}\n", encoding="utf-8")
        stamp = time.time() - age * 60
        import os

        os.utime(path, (stamp, stamp))
    summary = write_support_bundle(tmp_path, tmp_path / "b.zip", log_files=3)
    assert [n for n in summary.names() if n.startswith("logs/")] == [
        "logs/moto-desk.log",
        "logs/moto-desk.log.1",
        "logs/moto-desk.log.2",
    ]


def test_a_bundle_that_cannot_be_written_says_so_in_words(tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "support.zip"
    with pytest.raises(MotoDeskError) as caught:
        write_support_bundle(tmp_path, out)
    assert caught.value.kind is ErrorKind.STORAGE
    assert str(out) in caught.value.clerk_message
    assert not out.parent.exists()


def test_settings_are_read_from_the_window_s_file_and_screened(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    SettingsStore(path).save(DeskSettings(desk_name="Till 2", shop_name=KEY))
    settings = read_settings_file(path)
    assert settings["desk_name"] == "Till 2"
    assert settings["shop_name"] == "[withheld]"
    assert settings["reader_wait_s"] == 300
    assert read_settings_file(tmp_path / "absent.json") == {}
    path.write_text("not json", encoding="utf-8")
    assert read_settings_file(path) == {}


def test_versions_are_read_without_importing_qt_or_stripe() -> None:
    script = (
        "import sys, json\n"
        "from moto_desk.diagnostics.bundle import bundle_versions\n"
        "v = bundle_versions()\n"
        "print(json.dumps([v, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'stripe'))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    versions, loaded = json.loads(done.stdout)
    assert loaded == []
    assert versions == bundle_versions()
    assert set(versions) == {"moto-desk", "python", "pyside6", "stripe", "os", "machine"}
