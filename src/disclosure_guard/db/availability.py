"""Which database errors mean "the database did not answer in time", not "the guard is wrong".

A statement cut off by PostgreSQL's statement_timeout or lock_timeout, a connection that could not
be made or that the watchdog cut off (db/watchdog.py), a pool with no free connection, SQLite's
"database is locked" after its busy timeout: nothing was decided or stored, and the same request
may succeed in a moment. The service answers those 503 with Retry-After (do not send; offer it
again), as it does when every check worker is busy, and keeps 500 for errors that a retry will not
cure (a missing table, a bug)."""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

# SQLSTATE classes and codes that mean unavailable: 08 connection exception, 57014 query_canceled
# (statement_timeout), 57P0x the server shutting down or not yet accepting, 55P03
# lock_not_available (lock_timeout), 53300 too_many_connections.
_UNAVAILABLE_SQLSTATES = ("08", "57014", "57P", "55P03", "53300")
# SQLite's primary result codes for a lock held too long: SQLITE_BUSY, SQLITE_LOCKED.
_SQLITE_BUSY_CODES = {5, 6}


def database_unavailable(error: BaseException) -> bool:
    if isinstance(error, sa_exc.TimeoutError):  # no connection free in the pool in time
        return True
    if not isinstance(error, sa_exc.DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    driver_error = error.orig
    sqlstate = getattr(driver_error, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith(_UNAVAILABLE_SQLSTATES)
    sqlite_code = getattr(driver_error, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return (sqlite_code & 0xFF) in _SQLITE_BUSY_CODES
    # psycopg gives a connection that could not be made (refused, timed out) no SQLSTATE.
    return isinstance(error, sa_exc.OperationalError) and type(driver_error).__module__.startswith("psycopg")
