"""``records init|status|migrate``: the shop's records on PostgreSQL, from the command line.

``init`` is run once per shop by whoever administers the database (it creates roles and a
schema); ``status`` answers "what is this desk writing to, and is anyone stuck?"; ``migrate``
brings a desk that kept its own records into the shop's and points it there.
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from moto_desk.cli.desk import load_settings, records_url, settings_file
from moto_desk.cli.exit_codes import ExitCode
from moto_desk.cli.options import GlobalOptions
from moto_desk.cli.output import Output
from moto_desk.domain.errors import ErrorKind, MotoDeskError
from moto_desk.domain.words import QT_TRANSLATE_NOOP


def _no_url() -> MotoDeskError:
    return MotoDeskError(
        ErrorKind.CONFIGURATION,
        QT_TRANSLATE_NOOP(
            "clerk",
            "Say which shop records to use: --records postgresql://user@server/database "
            "(or set MOTO_DESK_RECORDS).",
        ),
    )


def _shop_url(options: GlobalOptions) -> str:
    from moto_desk.paths import data_dir

    url = records_url(options, load_settings(options, data_dir(options.data_dir)))
    if not url:
        raise _no_url()
    return url


def init(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.domain.consent import load_terms
    from moto_desk.records.shop import init_shop
    from moto_desk.records.shop_settings import SHOP_ADDRESS, SHOP_NAME, TERMS_VERSION

    # Every desk reads the terms of this program's version: a desk with other terms refuses
    # to save cards until it is updated (an administrator runs init again after an update).
    shop = {TERMS_VERSION: load_terms("en").version}
    if getattr(args, "shop_name", None):
        shop[SHOP_NAME] = args.shop_name.strip()
    if getattr(args, "shop_address", None):
        shop[SHOP_ADDRESS] = args.shop_address.strip()
    report = init_shop(_shop_url(options), shop=shop)
    lines = [f"shop records at {report.where}:"] + [f"  {line}" for line in report.done]
    lines.append(f"schema version {report.version}")
    return out.result(
        {
            "store": "postgresql",
            "where": report.where,
            "schema_version": report.version,
            "done": report.done,
        },
        lines,
    )


def status(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.paths import data_dir, database_path
    from moto_desk.records.database import schema_version as file_version
    from moto_desk.records.shop import desks_seen, ledger_head
    from moto_desk.records.shop import schema_version as shop_version
    from moto_desk.records.store import RecordsAddress, open_store

    folder = data_dir(options.data_dir)
    where = RecordsAddress(
        database_path(folder), records_url(options, load_settings(options, folder))
    )
    conn = open_store(where)
    try:
        from moto_desk.records.connection import ShopConnection

        if isinstance(conn, ShopConnection):
            kind, version = "postgresql", shop_version(conn) or 0
        else:
            kind, version = "sqlite", file_version(conn)  # type: ignore[arg-type]
        desks = desks_seen(conn)
        count, head_seq, head_hash = ledger_head(conn)
        from moto_desk.records.shop_settings import read_shop_settings

        shop = read_shop_settings(conn)
    finally:
        conn.close()
    data: dict[str, Any] = {
        "store": kind,
        "where": where.describe(),
        "schema_version": version,
        "desks": [dataclasses.asdict(d) for d in desks],
        "ledger": {"records": count, "head_seq": head_seq, "head_hash": head_hash},
        "shop": shop,
    }
    lines = [f"{kind} records at {where.describe()}, schema version {version}"]
    lines.append(f"consent ledger: {count} records, head {head_seq or 0} {head_hash or '-'}")
    lines += [f"shop {key.replace('_', ' ')}: {value}" for key, value in sorted(shop.items())]
    lines.append("desks:" if desks else "desks: none yet")
    for desk in desks:
        lines.append(
            f"  {desk.desk or '(unnamed)'}: {desk.entries} operations, "
            f"{desk.open_operations} open, last {desk.last_seen or '-'}"
        )
    return out.result(data, lines)


def migrate(args: argparse.Namespace, options: GlobalOptions, out: Output) -> ExitCode:
    from moto_desk.paths import data_dir, database_path
    from moto_desk.records.migrate import migrate_desk
    from moto_desk.records.shop import check_url_for_settings, open_shop
    from moto_desk.settings import SettingsStore
    from moto_desk.single_instance import acquire

    url = str(args.to).strip()
    check_url_for_settings(url)
    folder = data_dir(options.data_dir)
    # Not while a window works on this desk's records.
    lock = acquire(folder)
    try:
        shop = open_shop(url)
        try:
            report = migrate_desk(database_path(folder), shop)
            where = shop.where
        finally:
            shop.close()
        store = SettingsStore(settings_file(options))
        settings = store.load()
        store.save(dataclasses.replace(settings, records_url=url))
    finally:
        lock.release()
    data = {
        "from": str(database_path(folder)),
        "to": where,
        "chain_id": report.chain_id,
        "ledger": {"added": report.ledger_added, "already_there": report.ledger_present},
        "journal": {"added": report.journal_added, "already_there": report.journal_present},
        "journal_steps_added": report.steps_added,
        "customers": report.customers_added,
        "settings_updated": True,
    }
    lines = [
        f"migrated {database_path(folder)} into the shop's records at {where}",
        f"  consent ledger: {report.ledger_added} records added, "
        f"{report.ledger_present} already there (chain {report.chain_id or '-'})",
        f"  journal: {report.journal_added} entries added, {report.journal_present} already there",
        f"  customers: {report.customers_added} added or refreshed",
        "this desk now uses the shop's records (Settings → Shop records)",
    ]
    return out.result(data, lines)
