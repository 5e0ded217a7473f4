"""The database schema, as an ordered list of migrations.

Migration *n* (1-based) takes a database from ``PRAGMA user_version`` *n−1* to *n*; the
:func:`~moto_desk.records.database.open_database` applies the missing ones in order, each in its
own transaction together with the version bump, so a crash leaves the file at a version it
really has. Released migrations are never edited: a change of schema is a new migration at the
end of the list.

Tables are ``STRICT`` (SQLite ≥ 3.37) so a wrong type is an error rather than silently stored.
"""

from __future__ import annotations

from dataclasses import dataclass

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Migration:
    """One schema step: single SQL statements run in order inside one transaction."""

    description: str
    statements: tuple[str, ...]


_JOURNAL = (
    """
    CREATE TABLE journal (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL
            CHECK (kind IN ('save_card', 'charge', 'refund', 'detach', 'create_customer',
                            'clear_reader')),
        state TEXT NOT NULL
            CHECK (state IN ('pending', 'sent', 'succeeded', 'failed', 'canceled', 'unknown')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        reconciled_at TEXT,
        clerk TEXT,
        desk TEXT,
        customer_id TEXT,
        amount INTEGER,
        currency TEXT,
        payment_method_id TEXT,
        stripe_object_id TEXT,
        outcome_code TEXT,
        outcome_message TEXT,
        order_reference TEXT,
        details TEXT NOT NULL DEFAULT '{}',
        CHECK ((amount IS NULL) = (currency IS NULL))
    ) STRICT
    """,
    "CREATE INDEX journal_open ON journal (state) WHERE state IN ('pending', 'sent', 'unknown')",
    "CREATE INDEX journal_customer ON journal (customer_id, created_at)",
    "CREATE INDEX journal_created ON journal (created_at)",
    """
    CREATE TABLE journal_steps (
        entry_id TEXT NOT NULL REFERENCES journal (id),
        step TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        request_summary TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        response_object_id TEXT,
        http_outcome TEXT,
        finished_at TEXT,
        PRIMARY KEY (entry_id, step)
    ) STRICT
    """,
)

_LEDGER = (
    """
    CREATE TABLE ledger (
        seq INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('consent', 'card_saved', 'revocation')),
        time TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        clerk TEXT,
        desk TEXT,
        channel TEXT,
        terms_version TEXT,
        terms_sha256 TEXT,
        terms_language TEXT,
        allow_redisplay TEXT,
        setup_intent_id TEXT,
        payment_method_id TEXT,
        card_brand TEXT,
        card_last4 TEXT,
        card_exp_month INTEGER,
        card_exp_year INTEGER,
        reason TEXT,
        refers_to TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    ) STRICT
    """,
    "CREATE INDEX ledger_customer ON ledger (customer_id)",
    "CREATE INDEX ledger_refers_to ON ledger (refers_to)",
    # Belt and braces: the code only ever INSERTs, and these triggers refuse anything else, so a
    # stray UPDATE or DELETE (a future bug, a hand-run query) fails loudly instead of breaking
    # the chain quietly.
    """
    CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END
    """,
    """
    CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END
    """,
    # printf('%064d', 0) is GENESIS_HASH: 64 zeros, the prev_hash of the first record.
    """
    CREATE TRIGGER ledger_append_at_end BEFORE INSERT ON ledger
    WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM ledger), 0) + 1
      OR NEW.prev_hash IS NOT COALESCE(
             (SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1), printf('%064d', 0))
    BEGIN SELECT RAISE(ABORT, 'a ledger record must extend the end of the chain'); END
    """,
    # The newest record's seq and hash, written in the same transaction as each append, so that
    # deleting the last records (which leaves a shorter chain that is still intact) is caught.
    """
    CREATE TABLE ledger_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
    ) STRICT
    """,
)

_CUSTOMERS = (
    """
    CREATE TABLE customer_index (
        id TEXT PRIMARY KEY,
        name TEXT,
        email TEXT,
        phone TEXT,
        phone_digits TEXT NOT NULL DEFAULT '',
        search_text TEXT NOT NULL,
        created TEXT,
        last_seen TEXT NOT NULL
    ) STRICT
    """,
    "CREATE INDEX customer_index_last_seen ON customer_index (last_seen)",
)

_SETTINGS = (
    """
    CREATE TABLE settings_kv (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT
    """,
)

# The shop's records (PostgreSQL, ``schema_pg``) have the same tables and columns, so that one
# set of queries serves both; this migration brings the desk's file level with them.
_SHOP_LEVEL = (
    # Where a ledger record came from when ``records migrate`` brought a desk's own chain into
    # the shop's: that chain's id and the record's seq and hash there.
    "ALTER TABLE ledger ADD COLUMN origin_chain TEXT",
    "ALTER TABLE ledger ADD COLUMN origin_seq INTEGER",
    "ALTER TABLE ledger ADD COLUMN origin_hash TEXT",
    # Each migrated chain kept whole, record by record, as it was: it stays verifiable as the
    # evidence it was.
    """
    CREATE TABLE ledger_origin (
        chain_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (chain_id, seq)
    ) STRICT
    """,
    """
    CREATE TRIGGER ledger_origin_no_update BEFORE UPDATE ON ledger_origin
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END
    """,
    """
    CREATE TRIGGER ledger_origin_no_delete BEFORE DELETE ON ledger_origin
    BEGIN SELECT RAISE(ABORT, 'the consent ledger is append-only'); END
    """,
    # A refund and reconciliation look an entry up by its Stripe object.
    "CREATE INDEX journal_object ON journal (stripe_object_id)",
    "CREATE INDEX journal_desk_open ON journal (desk)"
    " WHERE state IN ('pending', 'sent', 'unknown')",
)

# Clerk accounts, the wrong-PIN throttle and the shop's approval policy (issue 16); who did
# each operation and who approved it. Accounts are disabled, never deleted, so an id in the
# journal or the ledger always names a person.
_CLERKS = (
    """
    CREATE TABLE clerks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'owner')),
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT
    ) STRICT
    """,
    """
    CREATE TABLE clerk_throttle (
        clerk_id TEXT PRIMARY KEY REFERENCES clerks (id),
        failures INTEGER NOT NULL,
        last_failure TEXT NOT NULL
    ) STRICT
    """,
    """
    CREATE TABLE shop_policy (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT
    ) STRICT
    """,
    "ALTER TABLE journal ADD COLUMN clerk_id TEXT",
    "ALTER TABLE journal ADD COLUMN approved_by TEXT",
    "ALTER TABLE ledger ADD COLUMN clerk_id TEXT",
    "ALTER TABLE ledger ADD COLUMN approved_by TEXT",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "journal, journal steps, consent ledger, customer index, desk settings",
        _JOURNAL + _LEDGER + _CUSTOMERS + _SETTINGS,
    ),
    Migration("the shop's columns: ledger origins, journal lookups by object", _SHOP_LEVEL),
    Migration("clerk accounts, wrong-PIN throttle, approval policy; who did and approved", _CLERKS),
    # A charge reads back its card's consent by payment method: 84–96 ms on a desk file of
    # 400,000 ledger records without it, under 1 ms with it (bench_records_scale). The shop's
    # schema has had it from its first migration.
    Migration(
        "the consent ledger by payment method",
        ("CREATE INDEX ledger_payment_method ON ledger (payment_method_id)",),
    ),
    # The history finds a charge's refunds by the PaymentIntent in their details; without
    # this, a history filtered to one customer of years read every refund since that
    # customer's oldest charge shown (~3 s at 1,000,000 journal entries). The expression is
    # :data:`moto_desk.records.journal.REFUND_INTENT_SQLITE`, word for word.
    Migration(
        "refunds by PaymentIntent",
        (
            "CREATE INDEX journal_refund_intent ON journal "
            "(json_extract(details, '$.payment_intent')) WHERE kind = 'refund'",
        ),
    ),
    # A history filtered to a customer looks, among the newest new-customer entries, for a
    # create the customer index does not know: through the journal's dates that read
    # ~25,000 rows of every kind to find 5,000 creates (~90 ms at 1,000,000 entries); this
    # index holds the creates alone, with the object each made. Its WHERE is
    # :meth:`moto_desk.records.journal.OperationJournal.creates_not_indexed`'s, word for word.
    Migration(
        "new customers by date",
        (
            "CREATE INDEX journal_new_customers ON journal (created_at, id, stripe_object_id) "
            "WHERE kind = 'create_customer'",
        ),
    ),
)
