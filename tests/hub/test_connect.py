"""Connection strings: passwords never kept, every other libpq setting passed through."""

from __future__ import annotations

import pytest

from annotator.hub.connect import HubError, has_password, parse, where, without_password


@pytest.mark.parametrize(
    "dsn",
    [
        "host=db.example.org dbname=claims user=ana password=s3cret sslmode=verify-full",
        "postgresql://ana:s3cret@db.example.org:6432/claims?sslmode=verify-full",
        "host=db.example.org dbname=claims user=ana password='s3cret' sslmode=verify-full",
    ],
)
def test_the_stored_dsn_has_no_password_and_keeps_the_rest(dsn: str) -> None:
    assert has_password(dsn)
    stored = without_password(dsn)
    assert "s3cret" not in stored and "password" not in stored
    params = parse(stored)
    assert params["host"] == "db.example.org" and params["user"] == "ana"
    assert params["dbname"] == "claims" and params["sslmode"] == "verify-full"
    assert not has_password(stored)


def test_a_service_and_certificates_pass_through() -> None:
    dsn = "service=claims sslrootcert=/etc/ssl/hub.pem sslcert=me.crt sslkey=me.key"
    assert parse(without_password(dsn)) == parse(dsn)
    assert where(dsn) == "service claims"


def test_a_dsn_libpq_cannot_read_is_a_message() -> None:
    with pytest.raises(HubError, match="not a PostgreSQL connection string"):
        parse("host=a dbname='unterminated")
