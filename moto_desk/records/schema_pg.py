"""The shop's records on PostgreSQL: schema, migrations, roles and privileges.

The tables and columns are those of the desk's SQLite file (``schema.py``, as of its migration
2), so :mod:`~moto_desk.records.journal`, :mod:`~moto_desk.records.ledger` and
:mod:`~moto_desk.records.customer_index` run the same queries on both. Differences are kept
here: ``rowid`` is an identity column (SQLite has it built in), ``instr`` is a SQL function
over ``strpos``, the append-only rules are PL/pgSQL triggers *and* privileges.

Everything lives in the schema ``moto_desk``, owned by the role ``moto_desk_owner`` (no
login). Desks connect as login roles that are members of ``moto_desk_desk``, which may read
everything, insert and update the journal and the customer index, and only *insert* into the
consent ledger: no ``UPDATE``, ``DELETE`` or ``TRUNCATE`` there, and dropping the triggers
needs the owner. Privileges are the rule; the triggers only make a mistake by the owner loud.

Migration *n* takes the store from version *n−1* to *n*; ``records init`` applies the missing
ones, each in one transaction with its row in ``schema_version``. Released migrations are never
edited.
"""

from __future__ import annotations

from moto_desk.records.schema import Migration

SCHEMA = "moto_desk"
OWNER_ROLE = "moto_desk_owner"
DESK_ROLE = "moto_desk_desk"

_OPEN = "('pending', 'sent', 'unknown')"

_TABLES = (
    """
    CREATE TABLE schema_version (
        version integer PRIMARY KEY,
        description text NOT NULL,
        applied_at text NOT NULL
    )
    """,
    # The customer search's instr(search_text, ?) > 0, as SQLite writes it.
    """
    CREATE FUNCTION instr(haystack text, needle text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT strpos(haystack, needle)'
    """,
    """
    CREATE TABLE journal (
        rowid bigint GENERATED ALWAYS AS IDENTITY,
        id text PRIMARY KEY,
        kind text NOT NULL
            CHECK (kind IN ('save_card', 'charge', 'refund', 'detach', 'create_customer',
                            'clear_reader')),
        state text NOT NULL
            CHECK (state IN ('pending', 'sent', 'succeeded', 'failed', 'canceled', 'unknown')),
        created_at text NOT NULL,
        updated_at text NOT NULL,
        reconciled_at text,
        clerk text,
        desk text,
        customer_id text,
        amount bigint,
        currency text,
        payment_method_id text,
        stripe_object_id text,
        outcome_code text,
        outcome_message text,
        order_reference text,
        details text NOT NULL DEFAULT '{}',
        CHECK ((amount IS NULL) = (currency IS NULL))
    )
    """,
    f"CREATE INDEX journal_open ON journal (state) WHERE state IN {_OPEN}",
    f"CREATE INDEX journal_desk_open ON journal (desk) WHERE state IN {_OPEN}",
    "CREATE INDEX journal_customer ON journal (customer_id, created_at)",
    "CREATE INDEX journal_created ON journal (created_at)",
    "CREATE INDEX journal_object ON journal (stripe_object_id)",
    """
    CREATE TABLE journal_steps (
        rowid bigint GENERATED ALWAYS AS IDENTITY,
        entry_id text NOT NULL REFERENCES journal (id),
        step text NOT NULL,
        idempotency_key text NOT NULL UNIQUE,
        request_summary text NOT NULL DEFAULT '{}',
        created_at text NOT NULL,
        response_object_id text,
        http_outcome text,
        finished_at text,
        PRIMARY KEY (entry_id, step)
    )
    """,
    """
    CREATE TABLE ledger (
        seq bigint PRIMARY KEY,
        record_id text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('consent', 'card_saved', 'revocation')),
        time text NOT NULL,
        customer_id text NOT NULL,
        clerk text,
        desk text,
        channel text,
        terms_version text,
        terms_sha256 text,
        terms_language text,
        allow_redisplay text,
        setup_intent_id text,
        payment_method_id text,
        card_brand text,
        card_last4 text,
        card_exp_month integer,
        card_exp_year integer,
        reason text,
        refers_to text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        origin_chain text,
        origin_seq bigint,
        origin_hash text
    )
    """,
    "CREATE INDEX ledger_customer ON ledger (customer_id)",
    "CREATE INDEX ledger_refers_to ON ledger (refers_to)",
    "CREATE INDEX ledger_payment_method ON ledger (payment_method_id)",
    """
    CREATE TABLE ledger_head (
        id integer PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash text NOT NULL
    )
    """,
    """
    CREATE TABLE ledger_origin (
        chain_id text NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        record text NOT NULL,
        PRIMARY KEY (chain_id, seq)
    )
    """,
    """
    CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the consent ledger is append-only';
    END
    $$
    """,
    """
    CREATE TRIGGER ledger_no_change BEFORE UPDATE OR DELETE ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only()
    """,
    """
    CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()
    """,
    """
    CREATE TRIGGER ledger_origin_no_change BEFORE UPDATE OR DELETE ON ledger_origin
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only()
    """,
    # Each insert must extend the end of the chain (the writers serialise on an advisory lock;
    # this catches one that did not).
    """
    CREATE FUNCTION ledger_append_at_end() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        last_seq bigint;
        last_hash text;
    BEGIN
        SELECT seq, hash INTO last_seq, last_hash FROM moto_desk.ledger
            ORDER BY seq DESC LIMIT 1;
        IF NEW.seq IS DISTINCT FROM coalesce(last_seq, 0) + 1
           OR NEW.prev_hash IS DISTINCT FROM coalesce(last_hash, repeat('0', 64)) THEN
            RAISE EXCEPTION 'a ledger record must extend the end of the chain';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER ledger_append_at_end BEFORE INSERT ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_append_at_end()
    """,
    """
    CREATE TABLE customer_index (
        rowid bigint GENERATED ALWAYS AS IDENTITY,
        id text PRIMARY KEY,
        name text,
        email text,
        phone text,
        phone_digits text NOT NULL DEFAULT '',
        search_text text NOT NULL,
        created text,
        last_seen text NOT NULL
    )
    """,
    "CREATE INDEX customer_index_last_seen ON customer_index (last_seen)",
    "CREATE INDEX customer_index_email ON customer_index (lower(email))",
    "CREATE INDEX customer_index_phone ON customer_index (phone_digits)",
    # What every desk of the shop reads the same: the shop's name, the terms read aloud.
    """
    CREATE TABLE shop_settings (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at text NOT NULL
    )
    """,
    # Other desks' changes, announced at commit (LISTEN moto_desk_changes): a desk's open
    # saved-cards list or history refreshes without asking the database again and again.
    # The payload is small and holds no customer detail beyond an id.
    """
    CREATE FUNCTION announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('moto_desk_changes', json_build_object(
            't', TG_TABLE_NAME,
            'k', CASE WHEN TG_TABLE_NAME = 'journal' THEN NEW.kind ELSE NULL END,
            'c', NEW.customer_id,
            'd', NEW.desk)::text);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER journal_announce AFTER INSERT OR UPDATE OF state ON journal
    FOR EACH ROW EXECUTE FUNCTION announce_change()
    """,
    """
    CREATE TRIGGER ledger_announce AFTER INSERT ON ledger
    FOR EACH ROW EXECUTE FUNCTION announce_change()
    """,
    # Also in the desk's SQLite file (its settings_kv), so the queries are one.
    """
    CREATE TABLE settings_kv (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at text NOT NULL
    )
    """,
)

_GRANTS = (
    f"GRANT USAGE ON SCHEMA {SCHEMA} TO {DESK_ROLE}",
    f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {DESK_ROLE}",
    f"GRANT INSERT, UPDATE ON journal, journal_steps TO {DESK_ROLE}",
    f"GRANT INSERT ON ledger, ledger_origin TO {DESK_ROLE}",
    # The head marker moves with each append (the chain itself cannot be changed).
    f"GRANT INSERT, UPDATE ON ledger_head TO {DESK_ROLE}",
    # A customer deleted at Stripe leaves the index.
    f"GRANT INSERT, UPDATE, DELETE ON customer_index TO {DESK_ROLE}",
    f"GRANT INSERT, UPDATE, DELETE ON settings_kv TO {DESK_ROLE}",
)

# Clerk accounts (issue 16): the same tables as the desk file's migration 3. ``moto-desk clerks``
# and the window's account management run on the desk's own connection, so desks may insert
# and update accounts; that only the owner changes them is enforced by moto-desk (the owner's
# PIN), not by these privileges. No desk may delete an account (ids stay meaningful in the
# journal and the ledger); the throttle is every desk's to update.
_CLERKS = (
    """
    CREATE TABLE clerks (
        id text PRIMARY KEY,
        name text NOT NULL,
        name_key text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('clerk', 'supervisor', 'owner')),
        pin_hash text NOT NULL,
        active integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at text NOT NULL,
        updated_at text NOT NULL,
        updated_by text
    )
    """,
    """
    CREATE TABLE clerk_throttle (
        clerk_id text PRIMARY KEY REFERENCES clerks (id),
        failures integer NOT NULL,
        last_failure text NOT NULL
    )
    """,
    """
    CREATE TABLE shop_policy (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at text NOT NULL,
        updated_by text
    )
    """,
    "ALTER TABLE journal ADD COLUMN clerk_id text",
    "ALTER TABLE journal ADD COLUMN approved_by text",
    "ALTER TABLE ledger ADD COLUMN clerk_id text",
    "ALTER TABLE ledger ADD COLUMN approved_by text",
    f"GRANT SELECT, INSERT, UPDATE ON clerks, clerk_throttle, shop_policy TO {DESK_ROLE}",
    # A successful sign-in clears the throttle.
    f"GRANT DELETE ON clerk_throttle TO {DESK_ROLE}",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "journal, journal steps, consent ledger and its origins, customer index, shop settings",
        _TABLES + _GRANTS,
    ),
    Migration("clerk accounts, wrong-PIN throttle, approval policy; who did and approved", _CLERKS),
    # As the desk file's migration 5: the expression is
    # :data:`moto_desk.records.journal.REFUND_INTENT_PG`, word for word.
    Migration(
        "refunds by PaymentIntent",
        (
            "CREATE INDEX journal_refund_intent ON journal "
            "((details::jsonb ->> 'payment_intent')) WHERE kind = 'refund'",
        ),
    ),
    # As the desk file's migration 6.
    Migration(
        "new customers by date",
        (
            "CREATE INDEX journal_new_customers ON journal (created_at, id, stripe_object_id) "
            "WHERE kind = 'create_customer'",
        ),
    ),
)
