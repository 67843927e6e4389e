"""The hub's tables in PostgreSQL, as numbered migrations, with its roles and security policies.

Everything lives in the schema ``claim_hub`` of one database. Its version is
the row of ``claim_hub.hub_version``; `migrate` applies the missing migrations
in order, each in its own transaction with the version bump (and a lock, so two
leads upgrading at once do not both run one).

The tables of articles, actors and labels mirror those of the project file
(`COLUMNS`: the same names, values stored as the file stores them, so a row's
fingerprint is the same on both sides) and add ``seq``: a number from one
sequence, set by a trigger on every insert and update. A deletion leaves a row
in ``deletions`` with its own number. A laptop remembers the highest number it
has seen and asks for the rows above it. Every transaction that writes takes
one lock first (the trigger takes it), so numbers are handed out in the order
the writes commit: a reader holding that lock knows that no number at or below
the sequence's last value can still appear.

Roles (`LEAD_ROLE`, `ANNOTATOR_ROLE`) are groups: a person logs in as their own
role, a member of one of them, named in ``annotators`` with the annotator name
their labels carry. Row-level security then lets an annotator read articles,
actors and aliases, edit actors and aliases, read and write only their own
labels and statuses (others' only when the hub is not blind), and add or edit
them only on articles assigned to them (version 3), read only their own
assignments, and write only their own sync records, cursors and conflicts. A
lead reads and writes everything.

A deletion stays in ``deletions`` until every copy seen lately has taken it
in (version 3, ``trim_deletions``); a copy that comes back later is given its
whole share again. The owner of the tables (who ran ``hub init``)
is not bound by the policies.
"""

from __future__ import annotations

from typing import Any

LEAD_ROLE = "claim_hub_lead"
"""The group role of leads."""
ANNOTATOR_ROLE = "claim_hub_annotator"
"""The group role of annotators."""
SCHEMA = "claim_hub"
"""The PostgreSQL schema that holds the hub."""
LOCK_KEY = 0x636C61696D687562  # "claimhub"
"""The advisory lock every writing transaction takes (see the module doc)."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "title", "text", "source", "url", "published", "language", "story", "meta",
        "text_sha256", "added_at",
    ),
    "actors": ("id", "name", "name_key", "type", "created_by", "updated_at"),
    "actor_aliases": ("actor_id", "alias", "alias_key", "position"),
    "assignments": ("article_id", "annotator"),
    "mentions": (
        "id", "article_id", "annotator", "start", "end", "actor_id", "updated_at", "source_only",
    ),
    "claims": (
        "id", "article_id", "annotator", "start", "end", "claimant", "addressee", "target",
        "stance", "category", "certainty", "checkworthy", "attribution_type",
        "attr_source_mention", "attr_source_text", "attr_source_kind", "cue_start", "cue_end",
        "note", "extra", "updated_at", "segments",
    ),
    "claim_links": ("claim_a", "claim_b", "annotator"),
    "statuses": ("article_id", "annotator", "status", "comment", "updated_at"),
}  # fmt: skip
"""The hub's copies of the project file's tables and their columns (without ``seq``)."""

KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "actors": ("id",),
    "actor_aliases": ("actor_id", "alias"),
    "assignments": ("article_id", "annotator"),
    "mentions": ("id",),
    "claims": ("id",),
    "claim_links": ("claim_a", "claim_b"),
    "statuses": ("article_id", "annotator"),
}
"""The primary key of each of those tables."""

LABEL_TABLES = ("mentions", "claims", "claim_links", "statuses")
"""Tables whose rows belong to an annotator (column ``annotator``)."""

_V1 = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
SET LOCAL search_path = {SCHEMA};

CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO settings (key, value) VALUES ('blind', 'true');
CREATE TABLE annotators (
    name text PRIMARY KEY,
    role name NOT NULL UNIQUE,
    is_lead boolean NOT NULL DEFAULT false,
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE change_seq;

CREATE TABLE articles (
    id text PRIMARY KEY, title text, text text NOT NULL, source text, url text, published text,
    language text, story text, meta text, text_sha256 text NOT NULL, added_at text,
    seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE actors (
    id text PRIMARY KEY, name text NOT NULL, name_key text NOT NULL, type text,
    created_by text, updated_at text, seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE actor_aliases (
    actor_id text NOT NULL REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
    alias text NOT NULL, alias_key text NOT NULL, position integer,
    seq bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, alias)
);
CREATE TABLE assignments (
    article_id text NOT NULL REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    annotator text NOT NULL, seq bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, annotator)
);
CREATE TABLE mentions (
    id text PRIMARY KEY,
    article_id text NOT NULL REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    annotator text NOT NULL, "start" integer NOT NULL, "end" integer NOT NULL,
    actor_id text REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
    updated_at text, source_only integer NOT NULL DEFAULT 0, seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE claims (
    id text PRIMARY KEY,
    article_id text NOT NULL REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    annotator text NOT NULL, "start" integer NOT NULL, "end" integer NOT NULL,
    claimant text REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
    addressee text REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
    target text REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
    stance text, category text, certainty text, checkworthy text, attribution_type text,
    attr_source_mention text
        REFERENCES mentions (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    attr_source_text text, attr_source_kind text, cue_start integer, cue_end integer,
    note text, extra text, updated_at text, segments text, seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE claim_links (
    claim_a text NOT NULL REFERENCES claims (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    claim_b text NOT NULL REFERENCES claims (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    annotator text, seq bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (claim_a, claim_b)
);
CREATE TABLE statuses (
    article_id text NOT NULL REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED,
    annotator text NOT NULL, status text NOT NULL, comment text, updated_at text,
    seq bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, annotator)
);
CREATE TABLE deletions (
    seq bigint PRIMARY KEY, tbl text NOT NULL, k1 text NOT NULL, k2 text,
    annotator text, deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE syncs (
    id bigserial PRIMARY KEY, annotator text NOT NULL, copy_id text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(), pushed integer NOT NULL, pulled integer NOT NULL,
    conflicts integer NOT NULL
);
CREATE TABLE conflicts (
    id bigserial PRIMARY KEY, annotator text NOT NULL, copy_id text NOT NULL,
    tbl text NOT NULL, key text NOT NULL, laptop_row text, message text NOT NULL,
    found_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (copy_id, tbl, key, laptop_row)
);

CREATE INDEX ON articles (seq);
CREATE INDEX ON actors (seq);
CREATE INDEX ON actor_aliases (seq);
CREATE INDEX ON assignments (annotator, seq);
CREATE INDEX ON mentions (annotator, seq);
CREATE INDEX ON mentions (article_id);
CREATE INDEX ON claims (annotator, seq);
CREATE INDEX ON claims (article_id);
CREATE INDEX ON claims (attr_source_mention);
CREATE INDEX ON claim_links (annotator, seq);
CREATE INDEX ON claim_links (claim_b);
CREATE INDEX ON statuses (annotator, seq);
CREATE INDEX ON syncs (annotator, at);

-- Every write takes the hub's lock first and numbers the row (see the module doc).
CREATE FUNCTION number_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SCHEMA}, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    NEW.seq := nextval('{SCHEMA}.change_seq');
    RETURN NEW;
END $$;

CREATE FUNCTION record_deletion() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SCHEMA}, pg_temp AS $$
DECLARE
    first text;
    second text;
    who text;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    CASE TG_TABLE_NAME
        WHEN 'actor_aliases' THEN first := OLD.actor_id; second := OLD.alias; who := NULL;
        WHEN 'assignments' THEN first := OLD.article_id; second := OLD.annotator;
                                who := OLD.annotator;
        WHEN 'statuses' THEN first := OLD.article_id; second := OLD.annotator;
                             who := OLD.annotator;
        WHEN 'claim_links' THEN first := OLD.claim_a; second := OLD.claim_b;
                                who := OLD.annotator;
        WHEN 'actors' THEN first := OLD.id; who := NULL;
        WHEN 'articles' THEN first := OLD.id; who := NULL;
        ELSE first := OLD.id; who := OLD.annotator;
    END CASE;
    INSERT INTO deletions (seq, tbl, k1, k2, annotator)
    VALUES (nextval('{SCHEMA}.change_seq'), TG_TABLE_NAME, first, second, who);
    RETURN OLD;
END $$;

-- Who is asking: the annotator name of the role logged in (NULL for anyone else).
CREATE FUNCTION me() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {SCHEMA}, pg_temp AS $$
    SELECT name FROM annotators WHERE role = session_user
$$;
CREATE FUNCTION is_lead() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {SCHEMA}, pg_temp AS $$
    SELECT coalesce((SELECT is_lead FROM annotators WHERE role = session_user), false)
$$;
CREATE FUNCTION blind() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {SCHEMA}, pg_temp AS $$
    SELECT coalesce((SELECT value = 'true' FROM settings WHERE key = 'blind'), true)
$$;
"""

_TRIGGERS = "\n".join(
    f"CREATE TRIGGER {t}_number BEFORE INSERT OR UPDATE ON {SCHEMA}.{t}"
    f" FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.number_row();\n"
    f"CREATE TRIGGER {t}_deleted AFTER DELETE ON {SCHEMA}.{t}"
    f" FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.record_deletion();"
    for t in COLUMNS
)

_MINE = f"annotator = (SELECT {SCHEMA}.me())"
_LEAD = f"(SELECT {SCHEMA}.is_lead())"
_VISIBLE = f"({_MINE} OR NOT (SELECT {SCHEMA}.blind()) OR {_LEAD})"


def _policies() -> str:
    """Grants and row-level security policies (see the module doc)."""
    both = f"{LEAD_ROLE}, {ANNOTATOR_ROLE}"
    s = SCHEMA
    lines = [
        f"GRANT USAGE ON SCHEMA {s} TO {both};",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {both};",
        f"GRANT SELECT ON SEQUENCE {s}.change_seq TO {both};",
        f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {LEAD_ROLE};",
        f"REVOKE INSERT, UPDATE, DELETE ON {s}.meta, {s}.annotators, {s}.deletions"
        f" FROM {LEAD_ROLE};",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {both};",
        f"GRANT INSERT, UPDATE ON {s}.actors TO {ANNOTATOR_ROLE};",
        f"GRANT INSERT, DELETE ON {s}.actor_aliases TO {ANNOTATOR_ROLE};",
        *(f"GRANT INSERT, UPDATE, DELETE ON {s}.{t} TO {ANNOTATOR_ROLE};" for t in LABEL_TABLES),
        f"GRANT INSERT ON {s}.syncs, {s}.conflicts TO {ANNOTATOR_ROLE};",
    ]
    for table in (*COLUMNS, "deletions", "syncs", "conflicts", "settings"):
        lines.append(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY;")
        lines.append(f"CREATE POLICY lead_all ON {s}.{table} TO {LEAD_ROLE} USING (true);")
    for table in ("articles", "actors", "actor_aliases", "settings"):
        lines.append(
            f"CREATE POLICY read ON {s}.{table} FOR SELECT TO {ANNOTATOR_ROLE} USING (true);"
        )
    lines += [
        f"CREATE POLICY add ON {s}.actors FOR INSERT TO {ANNOTATOR_ROLE} WITH CHECK (true);",
        f"CREATE POLICY edit ON {s}.actors FOR UPDATE TO {ANNOTATOR_ROLE}"
        " USING (true) WITH CHECK (true);",
        f"CREATE POLICY add ON {s}.actor_aliases FOR INSERT TO {ANNOTATOR_ROLE} WITH CHECK (true);",
        f"CREATE POLICY remove ON {s}.actor_aliases FOR DELETE TO {ANNOTATOR_ROLE} USING (true);",
        f"CREATE POLICY own ON {s}.assignments FOR SELECT TO {ANNOTATOR_ROLE} USING ({_MINE});",
    ]
    for table in LABEL_TABLES:
        lines += [
            f"CREATE POLICY read ON {s}.{table} FOR SELECT TO {ANNOTATOR_ROLE} USING {_VISIBLE};",
            f"CREATE POLICY add ON {s}.{table} FOR INSERT TO {ANNOTATOR_ROLE} WITH CHECK ({_MINE});",
            f"CREATE POLICY edit ON {s}.{table} FOR UPDATE TO {ANNOTATOR_ROLE}"
            f" USING ({_MINE}) WITH CHECK ({_MINE});",
            f"CREATE POLICY remove ON {s}.{table} FOR DELETE TO {ANNOTATOR_ROLE} USING ({_MINE});",
        ]
    lines += [
        f"CREATE POLICY read ON {s}.deletions FOR SELECT TO {ANNOTATOR_ROLE}"
        f" USING (annotator IS NULL OR {_VISIBLE[1:-1]});",
        *(
            f"CREATE POLICY own_{verb} ON {s}.{table} FOR {verb} TO {ANNOTATOR_ROLE}"
            f" {'WITH CHECK' if verb == 'INSERT' else 'USING'} ({_MINE});"
            for table in ("syncs", "conflicts")
            for verb in ("SELECT", "INSERT")
        ),
    ]
    return "\n".join(lines)


def _roles() -> str:
    """The two group roles, made if the cluster lacks them (roles are shared by its databases)."""
    return "\n".join(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN"
        f" CREATE ROLE {role} NOLOGIN; END IF; END $$;"
        for role in (LEAD_ROLE, ANNOTATOR_ROLE)
    )


_V2 = f"""
CREATE TABLE {SCHEMA}.lead_copies (
    copy_id text PRIMARY KEY, role name NOT NULL DEFAULT session_user,
    pulled_at timestamptz NOT NULL DEFAULT now(), seq bigint NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON {SCHEMA}.lead_copies TO {LEAD_ROLE};
ALTER TABLE {SCHEMA}.lead_copies ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_all ON {SCHEMA}.lead_copies TO {LEAD_ROLE} USING (true);
CREATE TABLE {SCHEMA}.schema_steps (
    fingerprint text PRIMARY KEY, previous_fingerprint text NOT NULL UNIQUE,
    schema text NOT NULL, published_by name NOT NULL DEFAULT session_user,
    published_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON {SCHEMA}.schema_steps TO {LEAD_ROLE}, {ANNOTATOR_ROLE};
-- A lead publishes a schema update: a step from the hub's schema to the new one.
CREATE FUNCTION {SCHEMA}.publish_schema(new_schema text, new_fingerprint text, previous text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {SCHEMA}, pg_temp AS $$
BEGIN
    IF NOT (is_lead() OR pg_has_role(session_user,
            (SELECT nspowner FROM pg_namespace WHERE nspname = '{SCHEMA}'), 'MEMBER')) THEN
        RAISE insufficient_privilege USING MESSAGE = 'only a lead may change the label schema';
    END IF;
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    IF (SELECT value FROM meta WHERE key = 'schema_fingerprint') IS DISTINCT FROM previous THEN
        RAISE EXCEPTION 'the schema on the hub is not the one this update starts from';
    END IF;
    INSERT INTO schema_steps (fingerprint, previous_fingerprint, schema, published_by)
    VALUES (new_fingerprint, previous, new_schema, session_user);
    UPDATE meta SET value = new_schema WHERE key = 'schema';
    UPDATE meta SET value = new_fingerprint WHERE key = 'schema_fingerprint';
END $$;
REVOKE ALL ON FUNCTION {SCHEMA}.publish_schema(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION {SCHEMA}.publish_schema(text, text, text) TO {LEAD_ROLE};
"""
"""Version 2: the record of the leads' full copies (`annotator.hub.lead`), and schema updates.

Only leads are granted it, and a full pull writes it first in its
transaction: the server itself refuses a full copy to any other role.

``schema_steps`` holds each update of the label schema a lead published
(``publish_schema``, which only a lead or the hub's owner may run): the schema
it goes from and the new one, which each laptop applies at its next sync."""

KEPT_DAYS = 90
"""Days a copy may stay away before its cursor no longer holds back trimming deletions
(the hub setting ``deletions_kept_days`` overrides it); such a copy, when it comes back,
is given everything of its share again (`annotator.hub.sync`)."""
TRIMMED_KEY = "deletions_trimmed"
"""The ``meta`` key holding the highest change number of a deletion trimmed away."""

_ASSIGNED = (
    f"EXISTS (SELECT 1 FROM {SCHEMA}.assignments a WHERE a.article_id = {{table}}.article_id"
    f" AND a.annotator = (SELECT {SCHEMA}.me()))"
)
_LINKED = (
    f"EXISTS (SELECT 1 FROM {SCHEMA}.claims c JOIN {SCHEMA}.assignments a"
    " ON a.article_id = c.article_id AND a.annotator = c.annotator"
    f" WHERE c.id = claim_links.{{end}} AND c.annotator = (SELECT {SCHEMA}.me()))"
)


def _v3() -> str:
    """Version 3: the laptop copies' cursors, trimming deletions, labels only on assigned articles."""
    s = SCHEMA
    lines = [
        f"""
CREATE TABLE {s}.copies (
    copy_id text PRIMARY KEY, annotator text NOT NULL, seq bigint NOT NULL,
    synced_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO {s}.copies (copy_id, annotator, seq, synced_at)
SELECT copy_id, min(annotator), 0, max(at) FROM {s}.syncs GROUP BY copy_id;
GRANT SELECT, INSERT, UPDATE ON {s}.copies TO {LEAD_ROLE}, {ANNOTATOR_ROLE};
ALTER TABLE {s}.copies ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_all ON {s}.copies TO {LEAD_ROLE} USING (true);
CREATE POLICY own ON {s}.copies TO {ANNOTATOR_ROLE} USING ({_MINE}) WITH CHECK ({_MINE});

-- Remove the deletions every copy seen in the last days has taken in (see the doc below).
CREATE FUNCTION {s}.trim_deletions() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, pg_temp AS $$
DECLARE
    days integer := coalesce(
        (SELECT value::integer FROM settings WHERE key = 'deletions_kept_days'), {KEPT_DAYS});
    upto bigint;
    removed bigint;
    highest bigint;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    SELECT min(seq) INTO upto FROM (
        SELECT seq FROM copies WHERE synced_at > now() - make_interval(days => days)
        UNION ALL
        SELECT seq FROM lead_copies WHERE pulled_at > now() - make_interval(days => days)
    ) cursors;
    IF upto IS NULL THEN
        SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO upto FROM change_seq;
    END IF;
    WITH gone AS (DELETE FROM deletions WHERE seq <= upto RETURNING seq)
    SELECT count(*), max(seq) INTO removed, highest FROM gone;
    IF removed > 0 THEN
        INSERT INTO meta (key, value) VALUES ('{TRIMMED_KEY}', highest::text)
        ON CONFLICT (key) DO UPDATE SET value = greatest(meta.value::bigint, highest)::text;
    END IF;
    RETURN removed;
END $$;
REVOKE ALL ON FUNCTION {s}.trim_deletions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION {s}.trim_deletions() TO {LEAD_ROLE}, {ANNOTATOR_ROLE};
"""
    ]
    for table in ("mentions", "claims", "statuses"):
        check = f"{_MINE} AND {_ASSIGNED.format(table=table)}"
        lines += [
            f"ALTER POLICY add ON {s}.{table} TO {ANNOTATOR_ROLE} WITH CHECK ({check});",
            f"ALTER POLICY edit ON {s}.{table} TO {ANNOTATOR_ROLE}"
            f" USING ({_MINE}) WITH CHECK ({check});",
        ]
    check = f"{_MINE} AND {_LINKED.format(end='claim_a')} AND {_LINKED.format(end='claim_b')}"
    lines += [
        f"ALTER POLICY add ON {s}.claim_links TO {ANNOTATOR_ROLE} WITH CHECK ({check});",
        f"ALTER POLICY edit ON {s}.claim_links TO {ANNOTATOR_ROLE}"
        f" USING ({_MINE}) WITH CHECK ({check});",
    ]
    return "\n".join(lines)


_V3 = _v3()
"""Version 3.

``copies``: each laptop copy's cursor, the highest change number it has
surely taken in (the one it sent at its last sync; join records the one it
starts from), with when it last synced. ``trim_deletions`` (every sync runs
it) removes the deletions at or below the lowest cursor of the copies and
leads' full copies seen in the last `KEPT_DAYS` days, and keeps in ``meta``
(`TRIMMED_KEY`) the highest number removed: a copy whose cursor is below it
may have missed a deletion, so it is given its whole share again and drops
what the hub no longer has; a lead's full copy is pulled anew.

An annotator adds or edits labels and statuses only on articles assigned to
them, and links only between their own claims on such articles: the server
checks it (policies ``add`` and ``edit``). Their own labels elsewhere (an
article taken from them) they may still delete."""

MIGRATIONS: tuple[str, ...] = (_roles() + _V1 + _TRIGGERS + "\n" + _policies(), _V2, _V3)
"""Migration N (1-based) is ``MIGRATIONS[N - 1]``: SQL run in one transaction."""

HUB_VERSION = len(MIGRATIONS)
"""The hub version this code reads and writes."""


EXISTS_SQL = f"SELECT to_regclass('{SCHEMA}.hub_version') IS NOT NULL"
"""Whether the database holds a hub (its version table)."""
VERSION_SQL = f"SELECT version FROM {SCHEMA}.hub_version"
"""The hub's version."""


def migration_steps(current: int) -> list[tuple[int, str]]:
    """``(version, SQL)`` of each migration from ``current`` up to `HUB_VERSION`."""
    steps = []
    for number in range(current + 1, HUB_VERSION + 1):
        sql = MIGRATIONS[number - 1]
        if number == 1:
            sql += (
                f"\nCREATE TABLE {SCHEMA}.hub_version (version integer NOT NULL);"
                f"\nINSERT INTO {SCHEMA}.hub_version (version) VALUES (1);"
                f"\nGRANT SELECT ON {SCHEMA}.hub_version TO {LEAD_ROLE}, {ANNOTATOR_ROLE};"
            )
        else:
            sql += f"\nUPDATE {SCHEMA}.hub_version SET version = {number};"
        steps.append((number, sql))
    return steps


def select_list(table: str, alias: str = "") -> str:
    """The columns of a hub table, quoted, for a SELECT (``alias.`` before each if given)."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{c}"' for c in COLUMNS[table])


def as_row(table: str, values: Any) -> dict[str, Any]:
    """A hub row (values in `COLUMNS` order) as the project file's row dict."""
    return dict(zip(COLUMNS[table], values, strict=True))
