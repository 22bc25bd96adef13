"""Pages answered once per change: a list or agenda page, kept with the data version it holds for.

A page is a function of three things: the account's interviews, the question (filters,
cursor, limit, language…) and the moment it is asked about, which the planner reads to the
second. The account's data version (:func:`app.db.repositories.bump_data_version`) goes up in
the transaction of every change to its interviews, so a page rendered at version *v* is the
answer for as long as the version is still *v*: one indexed read of one row instead of
reading and planning the page's interviews again.

The version is read *before* the page is rendered: a change that commits in between leaves
the page newer than its version says, which costs the next request a miss and never
answers stale data. Pages are kept per worker, bounded in number and in bytes (least recently
used out first: an agenda page with its messages runs to a hundred kilobytes, so 2,048 of them
would be 200 MB), and forgotten when the planner changes, since a new build starts with none.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable

from anyio import to_thread

from app.db import repositories as repo
from app.db.async_reads import AsyncReads, ReadFailed
from app.db.session import Database

#: What one worker keeps of rendered pages at most, in bytes.
PAGE_BYTES = 64 * 1024 * 1024


class PageCache:
    """Rendered pages per (account, question), each with the data version it was read at."""

    def __init__(
        self,
        db: Database,
        *,
        size: int = 2048,
        budget: int = PAGE_BYTES,
        reads: AsyncReads | None = None,
    ) -> None:
        self.db = db
        self.reads = reads
        self._size = size
        self._budget = budget
        self._bytes = 0
        self._pages: OrderedDict[tuple[uuid.UUID, Hashable], tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def version(self, account_id: uuid.UUID) -> int:
        with self.db.statement() as connection:
            return repo.data_version(connection=connection, account_id=account_id)

    async def current(self, account_id: uuid.UUID) -> int:
        """The account's data version now.

        On SQLite it is read right here, on the event loop: one row of a local file by its
        key, in WAL mode where no writer blocks a reader, costs less than handing the work
        to a thread and taking the GIL back (measured: twice the pages per second). On
        PostgreSQL it is awaited on the event loop through ``reads`` (an async pool) when
        there is one, else a worker thread waits for it.
        """
        if self.db.is_sqlite:
            return self.version(account_id)
        if self.reads is not None:
            try:
                found = await self.reads.scalar(repo.DATA_VERSION_SQL, (account_id,))
            except ReadFailed:
                pass  # the ordinary path reads it, or says why it cannot
            else:
                return int(found or 0)
        return await to_thread.run_sync(self.version, account_id)

    async def aclose(self) -> None:
        if self.reads is not None:
            await self.reads.aclose()

    def kept(self, account_id: uuid.UUID, question: Hashable, version: int) -> bytes | None:
        """The page kept for ``question`` if it was rendered at ``version``, else None."""
        key = (account_id, question)
        with self._lock:
            found = self._pages.get(key)
            if found is None or found[0] != version:
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return found[1]

    async def answer(
        self,
        account_id: uuid.UUID,
        question: Hashable,
        render: Callable[[], bytes],
        *,
        version: int | None = None,
    ) -> bytes:
        """The page for ``question`` as the account's data stands now: kept, or rendered (in
        a worker thread). ``version``: the account's, when the caller has just read it."""
        if version is None:
            version = await self.current(account_id)
        found = self.kept(account_id, question, version)
        if found is not None:
            return found
        with self._lock:
            self.misses += 1
        page = await to_thread.run_sync(render)
        key = (account_id, question)
        with self._lock:
            kept = self._pages.get(key)
            if (kept is not None and kept[0] > version) or len(page) > self._budget:
                return page  # a newer page was kept meanwhile, or this one is too big to keep
            if kept is not None:
                self._bytes -= len(kept[1])
            self._pages[key] = (version, page)
            self._bytes += len(page)
            self._pages.move_to_end(key)
            while len(self._pages) > self._size or self._bytes > self._budget:
                self._bytes -= len(self._pages.popitem(last=False)[1][1])
        return page

    @property
    def kept_bytes(self) -> int:
        """The bytes of the pages kept now."""
        return self._bytes
