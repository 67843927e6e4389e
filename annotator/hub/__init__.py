"""The team hub: a PostgreSQL database shared by a team, and the laptops' sync with it.

Every annotator keeps labelling in a local project file (SQLite), offline when
needed; `annotator.hub.sync` exchanges changes with the hub. The hub's tables
mirror the project file's, with a change number (``seq``) on every row and a
record of deletions, so a sync asks only for what changed since the last one.
Who may read and write what is enforced by PostgreSQL itself: each annotator
is a role of their own, and row-level security policies decide
(`annotator.hub.schema`).

Nothing here imports Qt, and nothing imports psycopg until a hub command runs:
it is an optional extra (``pip install claim-annotator[hub]``).
"""
