"""The Lua scripts: each step that must be atomic across processes, in one round trip.

Scripts read Redis' clock (``TIME``) so every machine agrees on expiry times. Keys of other
sessions and jobs are built from the namespace prefix (``ARGV``) the way ``Keys`` builds
them, so one script can reach the session of a job it only knows by event id.
"""

from __future__ import annotations

from typing import Any

import redis.asyncio as aioredis
from redis.commands.core import AsyncScript
from redis.exceptions import NoScriptError

from gradiate.engine.redis_backend.connection import OUTAGE_ERRORS, Lane

_COMMON = """
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function num(x) return string.format('%.17g', x) end
local function estimation(eid_json, rank, size, eta)
  return '{"msg":"estimation","event_id":' .. eid_json .. ',"rank":' .. rank ..
    ',"queue_size":' .. size .. ',"rank_eta":' .. eta .. '}'
end
local function post(stream, maxlen, ttl_ms, data)
  redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'd', data)
  redis.call('PEXPIRE', stream, ttl_ms)
end
local function lower_pending(session)
  if redis.call('EXISTS', session) == 1 then redis.call('HINCRBY', session, 'pending', -1) end
end
local function lower_active(waiting)
  if redis.call('DECR', waiting .. ':n') < 0 then redis.call('SET', waiting .. ':n', 0) end
end
local function touch_session(k, sh, max_sessions, unstreamed_ms, ttl_ms, mode)
  -- k: sessions, session, state, stream, cursor. 1 created, 0 refreshed, -1 refused
  -- (the limit), -2 no such session (mode touch or read)
  local now = now_ms()
  if redis.call('EXISTS', k[2]) == 0 then
    if mode ~= 'open' then return -2 end
    redis.call('ZREMRANGEBYSCORE', k[1], '-inf', now)
    redis.call('ZREM', k[1], sh)
    if redis.call('ZCARD', k[1]) >= tonumber(max_sessions) then return -1 end
    redis.call('HSET', k[2], 'pending', 0, 'streamed', 0)
    redis.call('PEXPIRE', k[2], unstreamed_ms)
    redis.call('ZADD', k[1], now + tonumber(unstreamed_ms), sh)
    return 1
  end
  local ttl = unstreamed_ms
  if mode == 'read' then
    redis.call('HSET', k[2], 'streamed', 1)
    ttl = ttl_ms
  elseif redis.call('HGET', k[2], 'streamed') == '1' then
    ttl = ttl_ms
  end
  for i = 2, 5 do redis.call('PEXPIRE', k[i], ttl) end
  redis.call('ZADD', k[1], now + tonumber(ttl), sh)
  return 0
end
local function ack(jobs, entry)
  redis.call('XACK', jobs, 'workers', entry)
  redis.call('XDEL', jobs, entry)
end
"""

SESSION_TOUCH = """
-- KEYS: sessions, session, state, stream, cursor
-- ARGV: session_hash, max_sessions, unstreamed_ms, ttl_ms, mode (open|touch|read)
-- 1 created, 0 refreshed, -1 refused (limit), -2 no such session
return touch_session(KEYS, ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
"""

SESSION_PRUNE = """
-- KEYS: sessions. Drops sessions past their deadline; {dropped, held}
local dropped = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms())
return {dropped, redis.call('ZCARD', KEYS[1])}
"""

ADD_PENDING = """
-- KEYS: session. ARGV: delta. The new count (0 when the session is gone).
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], 'pending', ARGV[1])
"""

SAVE_STATE = """
-- KEYS: session, state. ARGV: default_ttl_ms, id1, value1, ...
redis.call('HSET', KEYS[2], unpack(ARGV, 2))
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then ttl = ARGV[1] end
redis.call('PEXPIRE', KEYS[2], ttl)
return 1
"""

SUBMIT = """
-- KEYS: waiting, jobs, job, stream, eta, seq, session, sessions, state, cursor, then each
--       group's waiting set
-- ARGV: event_id, event_id_json, job, session_hash, concurrency_id, fn_index, limit (-1: none),
--       max_size (-1: none), job_ttl_ms, maxlen, stream_ttl_ms, max_pending, max_sessions,
--       unstreamed_ms, session_ttl_ms, then each group's limit
-- {1, average or nil} admitted; {-1} the queue is full, {-2} the session is busy, {-3} no
-- room for a new session: a refusal leaves nothing behind.
-- A job only counts as waiting while its group has no room for it (as in one process): the
-- jobs a group can start at once are on their way to a worker, not in the queue.
-- Each group counts its admitted, unfinished jobs in "<waiting key>:n" (XPENDING would count
-- a job delivered but not yet claimed twice, as running and as waiting).
local function blocked(waiting_key, limit)
  if limit < 0 then return 0, 0 end
  local active = tonumber(redis.call('GET', waiting_key .. ':n') or '0')
  return math.max(0, active - limit), active
end
local opened = touch_session({KEYS[8], KEYS[7], KEYS[9], KEYS[4], KEYS[10]}, ARGV[4],
  ARGV[13], ARGV[14], ARGV[15], 'open')
if opened == -1 then return {-3} end
local function refuse(code)
  if opened == 1 then
    redis.call('DEL', KEYS[7])
    redis.call('ZREM', KEYS[8], ARGV[4])
  end
  return {code}
end
if tonumber(redis.call('HGET', KEYS[7], 'pending') or '0') >= tonumber(ARGV[12]) then
  return refuse(-2)
end
local limit = tonumber(ARGV[7])
local ahead, active = blocked(KEYS[1], limit)
local can_start = limit < 0 or active + 1 <= limit
local max_size = tonumber(ARGV[8])
if not can_start and max_size >= 0 then
  local total = 0
  local group = 0
  for i = 11, #KEYS do
    total = total + blocked(KEYS[i], tonumber(ARGV[16 + group]))
    group = group + 1
  end
  if total >= max_size then return refuse(-1) end
end
redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[6]), ARGV[1])
redis.call('INCR', KEYS[1] .. ':n')
if redis.call('EXISTS', KEYS[7]) == 1 then redis.call('HINCRBY', KEYS[7], 'pending', 1) end
redis.call('HSET', KEYS[3], 'sh', ARGV[4], 'cid', ARGV[5], 'fn', ARGV[6], 'state', 'waiting')
redis.call('PEXPIRE', KEYS[3], ARGV[9])
local average = redis.call('HGET', KEYS[5], ARGV[6])
local message
if can_start then
  message = estimation(ARGV[2], 0, 1, 'null')
else
  local eta = 'null'
  if average then
    local parallel = limit
    if parallel < 1 then parallel = 1 end
    eta = num(tonumber(average) * (math.floor(ahead / parallel) + 1))
  end
  message = estimation(ARGV[2], ahead, ahead + 1, eta)
end
post(KEYS[4], ARGV[10], ARGV[11], message)
redis.call('HSET', KEYS[3], 'entry', redis.call('XADD', KEYS[2], '*', 'j', ARGV[3]))
return {1, average}
"""

ACQUIRE_LEASE = """
-- KEYS: leases. ARGV: token, limit, ttl_ms. 1 when the lease is held.
local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1
"""

REFRESH = """
-- KEYS: alive, leases of each token... ARGV: ttl_ms, worker_id, token...
-- Keeps the worker alive and its leases held; how many leases were still held.
local now = now_ms()
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[1])
local held = 0
for i = 2, #KEYS do
  held = held + redis.call('ZADD', KEYS[i], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i + 1])
end
return held
"""

CLAIM = """
-- The job was delivered to this worker (XREADGROUP): it leaves the waiting set.
-- (Once delivered it cannot be cancelled as waiting any more: CANCEL looks at the PEL.)
-- KEYS: waiting, jobs, job. ARGV: event_id, entry_id, worker_id, prefix, broadcast (1/0),
--       limit (-1: none), maxlen, stream_ttl_ms
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('HSET', KEYS[3], 'state', 'running', 'worker', ARGV[3], 'entry', ARGV[2])
end
if ARGV[5] == '1' and redis.call('ZCARD', KEYS[1]) > 0
    and redis.call('SET', KEYS[1] .. ':broadcast', 1, 'PX', 1000, 'NX') then
  local prefix = ARGV[4]
  local parallel = tonumber(ARGV[6])
  if parallel < 1 then parallel = 1 end
  local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
  local size = #ids
  for rank = 0, size - 1 do
    local eid = ids[rank + 1]
    local job = redis.call('HMGET', prefix .. 'j:' .. eid, 'sh', 'fn')
    if job[1] then
      local eta = 'null'
      local average = redis.call('HGET', prefix .. 'eta', job[2])
      if average then eta = num(tonumber(average) * (math.floor(rank / parallel) + 1)) end
      local message = estimation(cjson.encode(eid), rank, size, eta)
      post(prefix .. 'm:' .. job[1], ARGV[7], ARGV[8], message)
    end
  end
end
return 1
"""

FINISH = """
-- KEYS: session, stream, jobs, job, leases, eta, waiting
-- ARGV: final_json, entry_id, token, fn_index, duration ('' when none), maxlen,
--       stream_ttl_ms, freed_channel, group
-- The dependency's average run time after this one (or nil).
lower_pending(KEYS[1])
post(KEYS[2], ARGV[6], ARGV[7], ARGV[1])
if redis.call('EXISTS', KEYS[4]) == 1 then lower_active(KEYS[7]) end
if ARGV[3] ~= '' then
  redis.call('ZREM', KEYS[5], ARGV[3])
  -- pullers elsewhere wait for this lease only if jobs wait for one
  if redis.call('ZCARD', KEYS[7]) > 0 then redis.call('PUBLISH', ARGV[8], ARGV[9]) end
end
local entry = ARGV[2]
if entry == '' then entry = redis.call('HGET', KEYS[4], 'entry') end  -- pulled elsewhere
if entry then ack(KEYS[3], entry) end
redis.call('DEL', KEYS[4])
local average = redis.call('HGET', KEYS[6], ARGV[4])
if ARGV[5] ~= '' then
  local duration = tonumber(ARGV[5])
  if average then average = 0.8 * tonumber(average) + 0.2 * duration else average = duration end
  average = num(average)
  redis.call('HSET', KEYS[6], ARGV[4], average)
end
return average
"""

CANCEL = """
-- KEYS: job. ARGV: prefix, event_id, cancelled_json, maxlen, stream_ttl_ms, cancel_channel
-- A job is waiting until a worker's XREADGROUP delivers it (its entry is then pending).
local job = redis.call('HMGET', KEYS[1], 'sh', 'cid', 'state', 'entry')
if not job[1] then return 'unknown' end
local prefix = ARGV[1]
local jobs = prefix .. 'q:' .. job[2]
if job[3] == 'waiting' and job[4] then
  if #redis.call('XPENDING', jobs, 'workers', job[4], job[4], 1) > 0 then job[3] = 'running' end
end
if job[3] == 'waiting' then
  if redis.call('ZREM', prefix .. 'w:' .. job[2], ARGV[2]) == 0 then return 'unknown' end
  if job[4] then redis.call('XDEL', jobs, job[4]) end
  lower_active(prefix .. 'w:' .. job[2])
  lower_pending(prefix .. 's:' .. job[1])
  post(prefix .. 'm:' .. job[1], ARGV[4], ARGV[5], ARGV[3])
  redis.call('DEL', KEYS[1])
  return 'waiting'
end
if job[3] == 'running' then
  redis.call('PUBLISH', ARGV[6], ARGV[2])
  return 'running'
end
return 'unknown'
"""

RECOVER = """
-- A job whose worker died, now claimed (XCLAIM) by this worker.
-- KEYS: waiting, jobs, job, session, stream
-- ARGV: event_id, old_entry, job (as delivered), retry_job ('' : fail it), failed_json, maxlen,
--       stream_ttl_ms, job_ttl_ms
local state = redis.call('HGET', KEYS[3], 'state')
if not state then
  ack(KEYS[2], ARGV[2])
  return 'gone'
end
-- Delivered to the dead worker, it may have run (even if its claim was never written).
if ARGV[4] ~= '' then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local score = 0
  if first[2] then score = tonumber(first[2]) - 1 end
  redis.call('ZADD', KEYS[1], score, ARGV[1])
  redis.call('HSET', KEYS[3], 'state', 'waiting', 'entry',
    redis.call('XADD', KEYS[2], '*', 'j', ARGV[4]))
  redis.call('HDEL', KEYS[3], 'worker')
  redis.call('PEXPIRE', KEYS[3], ARGV[8])
  ack(KEYS[2], ARGV[2])
  return 'requeued'
end
redis.call('ZREM', KEYS[1], ARGV[1])
lower_pending(KEYS[4])
lower_active(KEYS[1])
post(KEYS[5], ARGV[6], ARGV[7], ARGV[5])
redis.call('DEL', KEYS[3])
ack(KEYS[2], ARGV[2])
return 'failed'
"""


class Scripts:
    """The scripts registered on one client (EVALSHA, loaded again after a restart).

    ``run`` sends each call on a connection of its own free list (``Lane``): cheaper than
    a client command, which matters on the path of every event.
    """

    _MAX_FREE_LANES = 64

    def __init__(self, client: aioredis.Redis) -> None:
        self._client = client
        self._lanes: list[Lane] = []

        def register(body: str) -> AsyncScript:
            return client.register_script(_COMMON + body)

        self.session_touch = register(SESSION_TOUCH)
        self.session_prune = register(SESSION_PRUNE)
        self.add_pending = register(ADD_PENDING)
        self.save_state = register(SAVE_STATE)
        self.submit = register(SUBMIT)
        self.acquire_lease = register(ACQUIRE_LEASE)
        self.refresh = register(REFRESH)
        self.claim = register(CLAIM)
        self.finish = register(FINISH)
        self.cancel = register(CANCEL)
        self.recover = register(RECOVER)

    async def run(self, script: AsyncScript, keys: list[str], args: list[Any]) -> Any:
        """Run ``script``: EVALSHA, loading it first if Redis lost it (a restart)."""
        return (await self.run_with(script, keys, args))[0]

    async def call(self, commands: list[tuple[Any, ...]]) -> list[Any]:
        """Send plain ``commands`` in one round trip on a free connection; every reply.

        Raises:
            ResponseError: the first error reply.
        """
        replies = await self._send(commands)
        for reply in replies:
            if isinstance(reply, Exception):
                raise reply
        return replies

    async def run_with(self, script: AsyncScript, keys: list[str], args: list[Any],
                       *after: tuple[Any, ...]) -> list[Any]:  # fmt: skip
        """Run ``script`` and then the commands ``after`` in one round trip; every reply."""
        commands = [("EVALSHA", script.sha, len(keys), *keys, *args), *after]
        replies = await self._send(commands)
        if isinstance(replies[0], NoScriptError):
            await self._client.script_load(script.script)
            replies = await self._send(commands)
        if isinstance(replies[0], Exception):
            raise replies[0]
        return replies

    async def _send(self, commands: list[tuple[Any, ...]]) -> list[Any]:
        """``commands`` on a free connection; a stale one (Redis restarted) is retried once."""
        lane = self._lanes.pop() if self._lanes else Lane(self._client)
        try:
            try:
                return await lane.call(commands)
            except OUTAGE_ERRORS:
                return await lane.call(commands)
        finally:
            if len(self._lanes) < self._MAX_FREE_LANES:
                self._lanes.append(lane)
            else:
                await lane.close()

    async def close(self) -> None:
        """Give the free connections back to the pool."""
        lanes, self._lanes = self._lanes, []
        for lane in lanes:
            await lane.close()
