"""Queries, one function per question, keyword-only (STYLE.md 4). No transaction handling here:
callers open the unit of work (:class:`app.db.session.Database`)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any, Protocol, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col, select

from app.db.models import (
    Account,
    ApiKey,
    CalendarFeed,
    IdempotencyRecord,
    Interview,
    InterviewEvent,
    StepSchedule,
    UTCDateTime,
    WebhookAttempt,
    WebhookEndpoint,
    WebhookMessage,
    utcnow,
)


def _table(model: type[SQLModel]) -> sa.Table:
    """A table model's Core table, for the statements built once below."""
    return cast(sa.Table, model.__table__)  # type: ignore[attr-defined]


def _rows(session: Session, statement: Any, parameters: dict[str, Any]) -> Sequence[Any]:
    """Core rows on the session's connection: they carry the models' attribute names, and skip
    the ORM's identity map, instance state and per-row validation. For reading only: nothing
    changes such a row in place."""
    return session.connection().execute(statement, parameters).all()


# -- accounts and keys ------------------------------------------------------------------------


def account_named(*, session: Session, name: str, create: bool = False) -> Account | None:
    account = session.scalars(select(Account).where(Account.name == name)).first()
    if account is None and create:
        account = Account(name=name)
        session.add(account)
        session.flush()
    return account


_ACCOUNT = _table(Account)
_BUMP_VERSION = (
    _ACCOUNT.update()
    .where(_ACCOUNT.c.id == sa.bindparam("account_id"))
    .values(data_version=_ACCOUNT.c.data_version + 1)
)
_DATA_VERSION = sa.select(_ACCOUNT.c.data_version).where(
    _ACCOUNT.c.id == sa.bindparam("account_id")
)


#: The same read as :func:`data_version`, for a driver connection awaited on the event loop.
DATA_VERSION_SQL = "SELECT data_version FROM account WHERE id = %s"


def bump_data_version(*, session: Session, account_id: uuid.UUID) -> None:
    """One more on the account's data version, in the transaction of a change to its data."""
    session.connection().execute(_BUMP_VERSION, {"account_id": account_id})


def data_version(*, connection: sa.Connection, account_id: uuid.UUID) -> int:
    """The account's data version (0 for an account that no longer exists)."""
    found = connection.execute(_DATA_VERSION, {"account_id": account_id}).scalar()
    return int(found or 0)


def add_key(*, session: Session, account: Account, key_id: str, key_hash: str) -> ApiKey:
    key = ApiKey(account_id=account.id, key_id=key_id, key_hash=key_hash)
    session.add(key)
    session.flush()
    return key


def key_by_id(*, session: Session, key_id: str) -> ApiKey | None:
    return session.scalars(select(ApiKey).where(ApiKey.key_id == key_id)).first()


def keys_of(*, session: Session, account: Account) -> Sequence[ApiKey]:
    query = select(ApiKey).where(ApiKey.account_id == account.id).order_by(col(ApiKey.created_at))
    return session.scalars(query).all()


def revoke_key(*, session: Session, key_id: str) -> bool:
    result = session.execute(
        sa.update(ApiKey)
        .where(col(ApiKey.key_id) == key_id, col(ApiKey.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# -- interviews -------------------------------------------------------------------------------

_INTERVIEW_TABLE = _table(Interview)
_EVENT_TABLE = _table(InterviewEvent)
_IDS: sa.BindParameter[Any] = sa.bindparam("ids", expanding=True)
_INTERVIEW = sa.select(_INTERVIEW_TABLE).where(
    _INTERVIEW_TABLE.c.id == sa.bindparam("interview_id", type_=sa.Uuid),
    _INTERVIEW_TABLE.c.account_id == sa.bindparam("account_id", type_=sa.Uuid),
)
_INTERVIEW_FOR_UPDATE = _INTERVIEW.with_for_update()
_FACTS_OF = sa.select(_INTERVIEW_TABLE.c.id, _INTERVIEW_TABLE.c.facts).where(
    _INTERVIEW_TABLE.c.id.in_(_IDS)
)
_EVENTS_OF = (
    sa.select(_EVENT_TABLE)
    .where(_EVENT_TABLE.c.interview_id.in_(_IDS))
    .order_by(_EVENT_TABLE.c.interview_id, _EVENT_TABLE.c.seq)
)


def interview(
    *, session: Session, account_id: uuid.UUID, interview_id: uuid.UUID, for_update: bool = False
) -> Interview | None:
    """The account's interview, or None (another account's is as good as missing).

    ``for_update`` locks the row on PostgreSQL until the transaction ends, so changes to one
    interview queue up; SQLite's writers are serialised by ``BEGIN IMMEDIATE`` already.
    """
    # A Core row (:func:`_rows`): the ORM's were half of reading one interview.
    query = _INTERVIEW_FOR_UPDATE if for_update else _INTERVIEW
    found = _rows(session, query, {"interview_id": interview_id, "account_id": account_id})
    return found[0] if found else None


class PageRow(Protocol):
    """An interview as a page query reads it: no document, no ORM object. A page whose
    interviews the service has read before needs no more (:func:`facts_of` reads the rest)."""

    id: uuid.UUID
    version: int
    next_action_at: datetime | None
    created_at: datetime
    updated_at: datetime


_PAGE = sa.select(
    col(Interview.id),
    col(Interview.version),
    col(Interview.next_action_at),
    col(Interview.created_at),
    col(Interview.updated_at),
)


class ListRow(PageRow, Protocol):
    """A list page's row: with the list item stored at the write, and when it holds."""

    listing: dict[str, Any] | None
    index_from: datetime | None
    listing_until: datetime | None
    planner_version: int | None


_LIST_PAGE = _PAGE.add_columns(
    col(Interview.listing),
    col(Interview.index_from),
    col(Interview.listing_until),
    col(Interview.planner_version),
)


def facts_of(*, session: Session, interview_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """The documents of these interviews, by id."""
    ids = list(interview_ids)
    if not ids:
        return {}
    return {row.id: row.facts for row in _rows(session, _FACTS_OF, {"ids": ids})}


def events_of(
    *, session: Session, interview_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[InterviewEvent]]:
    ids = list(interview_ids)
    found: dict[uuid.UUID, list[InterviewEvent]] = {i: [] for i in ids}
    if not ids:
        return found
    for row in _rows(session, _EVENTS_OF, {"ids": ids}):
        found[row.interview_id].append(row)
    return found


_INSERT_INTERVIEW = _INTERVIEW_TABLE.insert()
_INSERT_EVENT = _EVENT_TABLE.insert()


def add_interview(
    *, session: Session, values: dict[str, Any], events: Sequence[InterviewEvent]
) -> None:
    """A new interview (its columns' values) and its first events, as two Core INSERTs (the
    ORM's unit of work would add its bookkeeping to every create)."""
    connection = session.connection()
    # One statement, its values as parameters: compiled once per set of columns, where
    # ``insert().values(...)`` built and compiled a new statement for every create.
    connection.execute(_INSERT_INTERVIEW, values)
    if events:
        connection.execute(_INSERT_EVENT, [_row_values(event) for event in events])


def update_interview(
    *, session: Session, row: Interview, expected_version: int, values: dict[str, Any]
) -> bool:
    """Write ``values`` only if nobody changed the row since ``expected_version`` was read.

    The check is in the UPDATE itself, so of two racing writers exactly one wins, on
    PostgreSQL (the row lock makes the second re-read the version) and on SQLite alike.
    """
    result = session.connection().execute(
        _UPDATE_INTERVIEW,
        {**values, "version": expected_version + 1, "_id": row.id, "_expected": expected_version},
    )
    return bool(result.rowcount)


#: One Core UPDATE whose SET clause is the parameters given: compiled once per set of columns
#: (the ORM's UPDATE built and compiled a statement, and synchronised the session, per change).
_UPDATE_INTERVIEW = _INTERVIEW_TABLE.update().where(
    _INTERVIEW_TABLE.c.id == sa.bindparam("_id"),
    _INTERVIEW_TABLE.c.version == sa.bindparam("_expected"),
)


def add_event(*, session: Session, event: InterviewEvent) -> None:
    """One more event of an interview, as a Core INSERT (no unit of work to flush)."""
    session.connection().execute(_INSERT_EVENT, _row_values(event))


def delete_interview(*, session: Session, row: Interview) -> None:
    """The interview, its events with it (the foreign key cascades)."""
    session.execute(sa.delete(InterviewEvent).where(col(InterviewEvent.interview_id) == row.id))
    session.execute(
        sa.delete(Interview)
        .where(col(Interview.id) == row.id)
        .execution_options(synchronize_session=False)
    )


def _after(columns: Sequence[Any], cursor: Sequence[Any], *, descending: bool) -> Any:
    """Keyset pagination: rows strictly after ``cursor`` in the (columns) order."""
    if descending:
        return sa.tuple_(*columns) < sa.tuple_(*cursor)
    return sa.tuple_(*columns) > sa.tuple_(*cursor)


def _unsettled(as_of: Any) -> Any:
    """Rows whose plan columns do not hold at ``as_of``: the service plans each of them."""
    return sa.or_(
        col(Interview.index_from).is_(None),
        col(Interview.index_from) > as_of,
        col(Interview.index_until) <= as_of,
    )


def _settled(as_of: Any) -> Any:
    return sa.and_(
        col(Interview.index_from) <= as_of,
        sa.or_(col(Interview.index_until).is_(None), col(Interview.index_until) > as_of),
    )


# The pages' statements are built once per shape (which filters, whether a cursor), with their
# values as parameters: building one from column expressions for every request cost more than
# the database took to answer it (0.4 of a list page's 1.2 ms of reading, measured).


def _when(name: str) -> Any:
    return sa.bindparam(name, type_=UTCDateTime)


_ACCOUNT_ID = sa.bindparam("account_id", type_=sa.Uuid)
_AS_OF = _when("as_of")
_CURSOR = (_when("after_at"), sa.bindparam("after_id", type_=sa.Uuid))
_LIMIT = sa.bindparam("limit", type_=sa.Integer)


def _cursor(after: tuple[datetime, uuid.UUID] | None) -> dict[str, Any]:
    return {} if after is None else {"after_at": after[0], "after_id": after[1]}


def unsettled_interviews(
    *, session: Session, account_id: uuid.UUID, as_of: datetime, company_key: str | None = None
) -> Sequence[PageRow]:
    """The account's interviews whose plan columns do not hold at ``as_of``: those with an
    event after the moment they were written (before it, or when it has come), and rows
    whose columns another planner version computed. Few, unless ``as_of`` is long past."""
    query = _unsettled_query(company=company_key is not None)
    return _rows(
        session, query, {"account_id": account_id, "as_of": as_of, "company_key": company_key}
    )


@cache
def _unsettled_query(*, company: bool) -> Any:
    query = _PAGE.where(col(Interview.account_id) == _ACCOUNT_ID, _unsettled(_AS_OF))
    if company:
        query = query.where(col(Interview.company_key) == sa.bindparam("company_key"))
    return query


def interviews_to_settle(
    *, session: Session, planner_version: int, limit: int
) -> Sequence[Interview]:
    """Interviews whose plan columns are missing or come from another planner version."""
    query = select(Interview).where(
        sa.or_(
            col(Interview.planner_version).is_(None),
            col(Interview.planner_version) != planner_version,
        )
    )
    return session.scalars(query.limit(limit)).all()


def unsettle_other_versions(*, session: Session, planner_version: int) -> int:
    """Make the plan columns of rows another planner version wrote hold for no moment."""
    result = session.execute(
        sa.update(Interview)
        .where(
            col(Interview.index_from).is_not(None),
            sa.or_(
                col(Interview.planner_version).is_(None),
                col(Interview.planner_version) != planner_version,
            ),
        )
        .values(index_from=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def settle_interview(
    *, session: Session, interview_id: uuid.UUID, version: int, values: dict[str, Any]
) -> bool:
    """Write the plan columns of one version of an interview (not if it changed since)."""
    result = session.execute(
        sa.update(Interview)
        .where(col(Interview.id) == interview_id, col(Interview.version) == version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def list_interviews(
    *,
    session: Session,
    account_id: uuid.UUID,
    as_of: datetime,
    status: str | None = None,
    company_key: str | None = None,
    next_action_before: datetime | None = None,
    after: tuple[datetime, uuid.UUID] | None = None,
    limit: int,
) -> Sequence[ListRow]:
    """The account's interviews, newest first (with ``next_action_before``, soonest next
    action first), filtered in SQL on the stored plan columns.

    With ``status``, the rows that may have it at ``as_of``: the plan columns are bounds, so
    the caller keeps those that do. With ``next_action_before``, only rows whose columns hold
    at ``as_of`` (:func:`unsettled_interviews` finds the others).
    """
    query = _list_query(
        status=status,
        company=company_key is not None,
        before=next_action_before is not None,
        after=after is not None,
    )
    parameters = {
        "account_id": account_id,
        "as_of": as_of,
        "company_key": company_key,
        "next_action_before": next_action_before,
        "limit": limit,
        **_cursor(after),
    }
    return _rows(session, query, parameters)


@cache
def _list_query(*, status: str | None, company: bool, before: bool, after: bool) -> Any:
    """:func:`list_interviews`'s statement for one shape of question."""
    query = _LIST_PAGE.where(col(Interview.account_id) == _ACCOUNT_ID)
    open_ = col(Interview.closed_at).is_(None)
    if status == "closed":
        query = query.where(sa.or_(_unsettled(_AS_OF), col(Interview.closed_at).is_not(None)))
    elif status == "moved_on":
        query = query.where(
            sa.or_(_unsettled(_AS_OF), sa.and_(open_, col(Interview.moves_on_at) <= _AS_OF))
        )
    elif status == "active":
        query = query.where(
            sa.or_(
                _unsettled(_AS_OF),
                sa.and_(
                    open_,
                    sa.or_(
                        col(Interview.moved_on_by).is_(None), col(Interview.moved_on_by) > _AS_OF
                    ),
                ),
            )
        )
    if company:
        query = query.where(col(Interview.company_key) == sa.bindparam("company_key"))
    if before:
        query = query.where(
            _settled(_AS_OF),
            open_,
            col(Interview.next_action_at) < _when("next_action_before"),
        )
        # Soonest action first: the order of the (account, next action) index, so the page is
        # read off the index instead of filtering the account's interviews newest first.
        if after:
            query = query.where(
                _after((Interview.next_action_at, Interview.id), _CURSOR, descending=False)
            )
        query = query.order_by(col(Interview.next_action_at), col(Interview.id))
    else:
        if after:
            query = query.where(
                _after((Interview.created_at, Interview.id), _CURSOR, descending=True)
            )
        query = query.order_by(col(Interview.created_at).desc(), col(Interview.id).desc())
    return query.limit(_LIMIT)


@cache
def _agenda_query(*, after: bool) -> Any:
    query = _PAGE.where(
        col(Interview.account_id) == _ACCOUNT_ID,
        col(Interview.closed_at).is_(None),
        col(Interview.next_action_at) <= _when("opens_by"),
        sa.or_(
            col(Interview.moved_on_by).is_(None),
            col(Interview.moved_on_by) >= _when("quiet_before"),
        ),
        _settled(_AS_OF),
    )
    if after:
        query = query.where(
            _after((Interview.next_action_at, Interview.id), _CURSOR, descending=False)
        )
    return query.order_by(col(Interview.next_action_at), col(Interview.id)).limit(_LIMIT)


def agenda_candidates(
    *,
    session: Session,
    account_id: uuid.UUID,
    as_of: datetime,
    opens_by: datetime,
    quiet_before: datetime,
    after: tuple[datetime, uuid.UUID] | None = None,
    limit: int,
) -> Sequence[PageRow]:
    """Open interviews that may have a step open by ``opens_by`` at ``as_of``, soonest
    first, among those whose plan columns hold at ``as_of`` (:func:`unsettled_interviews`
    finds the others).

    An interview that surely moved on before ``quiet_before`` has nothing left to do and is
    left out, so the work grows with the steps that are due, not with the interviews stored.
    """
    parameters = _agenda_parameters(account_id, as_of, opens_by, quiet_before, after, limit)
    return _rows(session, _agenda_query(after=after is not None), parameters)


def _agenda_parameters(
    account_id: uuid.UUID,
    as_of: datetime,
    opens_by: datetime,
    quiet_before: datetime,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "as_of": as_of,
        "opens_by": opens_by,
        "quiet_before": quiet_before,
        "limit": limit,
        **_cursor(after),
    }


def agenda_rows(
    *,
    session: Session,
    account_id: uuid.UUID,
    as_of: datetime,
    opens_by: datetime,
    quiet_before: datetime,
    after: tuple[datetime, uuid.UUID] | None = None,
    limit: int,
) -> tuple[Sequence[PageRow], Sequence[PageRow]]:
    """:func:`agenda_candidates` (in no particular order) and :func:`unsettled_interviews`,
    in one statement: one round trip, and one snapshot, so no interview changed between
    the two is found in both or in neither."""
    parameters = _agenda_parameters(account_id, as_of, opens_by, quiet_before, after, limit)
    rows = _rows(session, _agenda_rows_query(after=after is not None), parameters)
    return [row for row in rows if not row.unsettled], [row for row in rows if row.unsettled]


@cache
def _agenda_rows_query(*, after: bool) -> Any:
    candidates = _agenda_query(after=after).add_columns(sa.literal(0).label("unsettled")).subquery()
    others = (
        _PAGE.add_columns(sa.literal(1).label("unsettled"))
        .where(col(Interview.account_id) == _ACCOUNT_ID, _unsettled(_AS_OF))
        .subquery()
    )
    return sa.union_all(sa.select(candidates), sa.select(others))


# -- idempotency ------------------------------------------------------------------------------


def idempotency_record(
    *, session: Session, account_id: uuid.UUID, key: str
) -> IdempotencyRecord | None:
    query = select(IdempotencyRecord).where(
        IdempotencyRecord.account_id == account_id, IdempotencyRecord.key == key
    )
    return session.scalars(query).first()


def add_idempotency_record(
    *,
    session: Session,
    account_id: uuid.UUID,
    key: str,
    request_hash: str,
    now: datetime,
    status_code: int,
    body: bytes,
    location: str | None,
    etag: str | None,
    content_language: str | None = None,
) -> None:
    """The answer to a create with ``key``, kept in the create's own transaction; raises
    IntegrityError when another transaction kept one for the key first."""
    session.execute(
        sa.insert(IdempotencyRecord).values(
            id=uuid.uuid4(),
            account_id=account_id,
            key=key,
            request_hash=request_hash,
            state="done",
            created_at=now,
            status_code=status_code,
            response_body=body,
            location=location,
            etag=etag,
            content_language=content_language,
        )
    )


def take_over_idempotency_record(
    *,
    session: Session,
    record: IdempotencyRecord,
    request_hash: str,
    now: datetime,
    status_code: int,
    body: bytes,
    location: str | None,
    etag: str | None,
    content_language: str | None = None,
) -> bool:
    """Overwrite an expired or abandoned record with a new answer, unless someone else just
    did (the update only matches the record as it was read)."""
    taken = session.execute(
        sa.update(IdempotencyRecord)
        .where(
            col(IdempotencyRecord.id) == record.id,
            col(IdempotencyRecord.created_at) == record.created_at,
        )
        .values(
            state="done",
            request_hash=request_hash,
            created_at=now,
            status_code=status_code,
            response_body=body,
            location=location,
            etag=etag,
            content_language=content_language,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(taken.rowcount)  # type: ignore[attr-defined]


def delete_idempotency_records(*, session: Session, created_before: datetime) -> int:
    """Every record created before ``created_before`` (an index on the column finds them)."""
    result = session.execute(
        sa.delete(IdempotencyRecord)
        .where(col(IdempotencyRecord.created_at) < created_before)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# -- push: webhook endpoints, outbox, schedule, calendar feeds --------------------------------


def webhook_endpoints_of(*, session: Session, account_id: uuid.UUID) -> Sequence[WebhookEndpoint]:
    """The account's endpoints, enabled or not, as table models (to show and to change)."""
    query = select(WebhookEndpoint).where(WebhookEndpoint.account_id == account_id)
    return session.scalars(
        query.order_by(col(WebhookEndpoint.created_at), col(WebhookEndpoint.id))
    ).all()


_ENDPOINT_TABLE = _table(WebhookEndpoint)
_ENABLED_ENDPOINTS = (
    sa.select(_ENDPOINT_TABLE)
    .where(_ENDPOINT_TABLE.c.account_id == _ACCOUNT_ID, _ENDPOINT_TABLE.c.enabled.is_(True))
    .order_by(_ENDPOINT_TABLE.c.created_at, _ENDPOINT_TABLE.c.id)
)


def enabled_endpoints_of(*, session: Session, account_id: uuid.UUID) -> Sequence[WebhookEndpoint]:
    """The account's enabled endpoints, as Core rows (:func:`_rows`) by a statement built once:
    every change asks, most often to find none, and the ORM's query was a fifth of a create."""
    return _rows(session, _ENABLED_ENDPOINTS, {"account_id": account_id})


def webhook_endpoint(
    *, session: Session, account_id: uuid.UUID, endpoint_id: uuid.UUID, for_update: bool = False
) -> WebhookEndpoint | None:
    """The account's endpoint, or None (another account's is as good as missing)."""
    query = select(WebhookEndpoint).where(
        WebhookEndpoint.id == endpoint_id, WebhookEndpoint.account_id == account_id
    )
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).first()


def webhook_endpoints_by_id(
    *, session: Session, endpoint_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, WebhookEndpoint]:
    ids = list(set(endpoint_ids))
    if not ids:
        return {}
    query = select(WebhookEndpoint).where(col(WebhookEndpoint.id).in_(ids))
    return {row.id: row for row in session.scalars(query)}


def add_webhook_messages(*, session: Session, rows: Sequence[WebhookMessage]) -> None:
    if rows:
        session.execute(sa.insert(WebhookMessage), [_row_values(row) for row in rows])


def _row_values(row: SQLModel) -> dict[str, Any]:
    """A model's column values, for a Core INSERT (the ORM's flush adds its own bookkeeping)."""
    return {column.key: getattr(row, column.key) for column in type(row).__table__.columns}  # type: ignore[attr-defined]


def claim_webhook_messages(
    *, session: Session, now: datetime, lease_until: datetime, limit: int
) -> Sequence[WebhookMessage]:
    """Messages whose next attempt is due, each leased to the caller until ``lease_until``.

    On PostgreSQL ``FOR UPDATE SKIP LOCKED``: dispatchers claiming at once each get other rows,
    and none waits for another. On SQLite the caller's ``BEGIN IMMEDIATE`` holds the only
    write lock from the read to the commit, so two claims cannot interleave either.
    """
    query = (
        select(WebhookMessage)
        .where(col(WebhookMessage.next_attempt_at) <= now)
        .order_by(col(WebhookMessage.next_attempt_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = session.scalars(query).all()
    if rows:
        session.execute(
            sa.update(WebhookMessage)
            .where(col(WebhookMessage.id).in_([row.id for row in rows]))
            .values(next_attempt_at=lease_until)
            .execution_options(synchronize_session=False)
        )
    return rows


def webhook_message(
    *, session: Session, endpoint_id: uuid.UUID, message_id: str, for_update: bool = False
) -> WebhookMessage | None:
    query = select(WebhookMessage).where(
        WebhookMessage.id == message_id, WebhookMessage.endpoint_id == endpoint_id
    )
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).first()


def webhook_messages_of(
    *,
    session: Session,
    endpoint_id: uuid.UUID,
    before: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[WebhookMessage]:
    """An endpoint's messages, newest first."""
    query = select(WebhookMessage).where(WebhookMessage.endpoint_id == endpoint_id)
    if before is not None:
        query = query.where(
            _after((WebhookMessage.created_at, WebhookMessage.id), before, descending=True)
        )
    query = query.order_by(col(WebhookMessage.created_at).desc(), col(WebhookMessage.id).desc())
    return session.scalars(query.limit(limit)).all()


def webhook_attempts_of(
    *, session: Session, message_ids: Iterable[str]
) -> dict[str, list[WebhookAttempt]]:
    ids = list(message_ids)
    found: dict[str, list[WebhookAttempt]] = {i: [] for i in ids}
    if not ids:
        return found
    query = (
        select(WebhookAttempt)
        .where(col(WebhookAttempt.message_id).in_(ids))
        .order_by(col(WebhookAttempt.at))
    )
    for row in session.scalars(query):
        found[row.message_id].append(row)
    return found


_SCHEDULE_TABLE = _table(StepSchedule)
_SCHEDULE_OF = sa.select(_SCHEDULE_TABLE).where(
    _SCHEDULE_TABLE.c.interview_id == sa.bindparam("interview_id", type_=sa.Uuid)
)


def schedule_of(*, session: Session, interview_id: uuid.UUID) -> Sequence[StepSchedule]:
    """The interview's schedule rows, as Core rows (:func:`_rows`)."""
    return _rows(session, _SCHEDULE_OF, {"interview_id": interview_id})


_INSERT_SCHEDULE = _SCHEDULE_TABLE.insert()


def add_schedule(*, session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """New schedule rows (each a ``step_schedule`` row's values, ``id`` included), as one Core
    INSERT: a table model per row validated every field, a good part of every change's time."""
    if rows:
        session.connection().execute(_INSERT_SCHEDULE, list(rows))


def drop_unfired_schedule(*, session: Session, ids: Sequence[uuid.UUID]) -> None:
    """Rows no longer in the plan, unless announced meanwhile (the condition is checked again
    after a row lock is waited for, so an announcement that just committed stays)."""
    if ids:
        session.execute(
            sa.delete(StepSchedule)
            .where(col(StepSchedule.id).in_(ids), col(StepSchedule.fire_at).is_not(None))
            .execution_options(synchronize_session=False)
        )


def claim_due_schedule(*, session: Session, now: datetime, limit: int) -> Sequence[StepSchedule]:
    """Steps whose moment came, soonest first, locked for the caller (SKIP LOCKED on
    PostgreSQL); the caller clears ``fire_at`` in the same transaction."""
    query = (
        select(StepSchedule)
        .where(col(StepSchedule.fire_at) <= now)
        .order_by(col(StepSchedule.fire_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return session.scalars(query).all()


def mark_schedule_fired(*, session: Session, ids: Sequence[uuid.UUID], now: datetime) -> None:
    if ids:
        session.execute(
            sa.update(StepSchedule)
            .where(col(StepSchedule.id).in_(ids))
            .values(fire_at=None, fired_at=now)
            .execution_options(synchronize_session=False)
        )


def interviews_by_id(
    *, session: Session, interview_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Interview]:
    ids = list(set(interview_ids))
    if not ids:
        return {}
    return {
        row.id: row for row in session.scalars(select(Interview).where(col(Interview.id).in_(ids)))
    }


def open_interviews(*, session: Session, account_id: uuid.UUID, limit: int) -> Sequence[Interview]:
    """The account's interviews not closed, soonest next action first."""
    query = (
        select(Interview)
        .where(Interview.account_id == account_id, col(Interview.closed_at).is_(None))
        .order_by(col(Interview.next_action_at), col(Interview.id))
    )
    return session.scalars(query.limit(limit)).all()


def calendar_feed_by_hash(*, session: Session, token_hash: str) -> CalendarFeed | None:
    return session.scalars(
        select(CalendarFeed).where(CalendarFeed.token_hash == token_hash)
    ).first()


def calendar_feeds_of(*, session: Session, account_id: uuid.UUID) -> Sequence[CalendarFeed]:
    query = (
        select(CalendarFeed)
        .where(CalendarFeed.account_id == account_id)
        .order_by(col(CalendarFeed.created_at), col(CalendarFeed.id))
    )
    return session.scalars(query).all()


def delete_calendar_feed(*, session: Session, account_id: uuid.UUID, feed_id: uuid.UUID) -> bool:
    result = session.execute(
        sa.delete(CalendarFeed)
        .where(col(CalendarFeed.id) == feed_id, col(CalendarFeed.account_id) == account_id)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def anything_due(*, session: Session, now: datetime) -> bool:
    """Whether a schedule row or an outbox message is due: a read, so an idle dispatcher
    takes no write lock (SQLite has one for the whole database)."""
    schedule = select(StepSchedule.id).where(col(StepSchedule.fire_at) <= now).limit(1)
    messages = select(WebhookMessage.id).where(col(WebhookMessage.next_attempt_at) <= now).limit(1)
    return (
        session.scalars(schedule).first() is not None
        or session.scalars(messages).first() is not None
    )
