from tests.review.dbfixtures import db_url, engine, pg_url, settings, sqlite_url  # noqa: F401
