/**
 * The Lua scripts behind the Redis store. Redis runs each script atomically (no other command
 * interleaves: https://redis.io/docs/latest/develop/interact/programmability/eval-intro/), which is
 * what makes a compare-and-set, a fenced write or a fair lock hand-over safe across processes.
 *
 * Times: session and seen-event freshness use the store's clock (passed in ARGV), so that tests with
 * a fake clock and the SQLite store agree; lock-queue liveness uses Redis's own `TIME`, the one
 * clock every instance shares.
 */

/** Helpers prepended to every script: the freshness rules live here once. */
const LIBRARY = `
local function live_session(key, now, ttl)
  local s = redis.call('HMGET', key, 'version', 'touchedAt', 'value')
  if not s[1] or tonumber(now) - tonumber(s[2]) > tonumber(ttl) then return nil end
  return s
end
local function seen_live(key, now, ttl)
  local at = redis.call('GET', key)
  return at and tonumber(now) - tonumber(at) <= tonumber(ttl)
end
local function mark_seen(key, now, ttl)
  if seen_live(key, now, ttl) then return 0 end
  redis.call('SET', key, now, 'PX', ttl)
  return 1
end
-- The inbox: a hash of item JSONs by id and a sorted set of ids by time received.
local function inbox_add(items, by_time, id, json, at)
  if redis.call('HSETNX', items, id, json) == 1 then redis.call('ZADD', by_time, at, id) end
end
local function inbox_remove(items, by_time, id)
  redis.call('HDEL', items, id)
  redis.call('ZREM', by_time, id)
end
local function server_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

const BODIES = {
  /** KEYS: session. ARGV: now, sessionTtlMs. → {json, version} or nil. */
  getSession: `
    local s = live_session(KEYS[1], ARGV[1], ARGV[2])
    if not s then return false end
    return {s[3], s[1]}
  `,
  /**
   * KEYS: session, fence counter, inbox items, inbox by-time, [seen id]. ARGV: expectedVersion,
   * fence ('' for none), json, now, sessionTtlMs, seenTtlMs, inbox item id to remove ('' for none),
   * then an item to add (id or '', item JSON, receivedAt: the answer's outbox item, kept if present).
   * → the new version, -1 on a version conflict, -2 on a fence conflict.
   */
  saveSession: `
    if ARGV[2] ~= '' and tonumber(ARGV[2]) < tonumber(redis.call('GET', KEYS[2]) or '0') then return -2 end
    local s = live_session(KEYS[1], ARGV[4], ARGV[5])
    local current = s and tonumber(s[1]) or 0
    if current ~= tonumber(ARGV[1]) then return -1 end
    local version = current + 1
    redis.call('HSET', KEYS[1], 'value', ARGV[3], 'version', version, 'touchedAt', ARGV[4])
    redis.call('PEXPIRE', KEYS[1], ARGV[5])
    if KEYS[5] then mark_seen(KEYS[5], ARGV[4], ARGV[6]) end
    if ARGV[7] ~= '' then inbox_remove(KEYS[3], KEYS[4], ARGV[7]) end
    if ARGV[8] ~= '' then inbox_add(KEYS[3], KEYS[4], ARGV[8], ARGV[9], ARGV[10]) end
    return version
  `,
  /** KEYS: seen id. ARGV: now, seenTtlMs. → 1 when seen and fresh. */
  hasSeen: `return seen_live(KEYS[1], ARGV[1], ARGV[2]) and 1 or 0`,
  /** KEYS: seen id. ARGV: now, seenTtlMs. → 1 when newly marked, 0 when it already was. */
  markSeen: `return mark_seen(KEYS[1], ARGV[1], ARGV[2])`,
  /**
   * One attempt to take the lock, in arrival order. KEYS: lock, fence counter, queue (sorted set of
   * waiter ids by arrival), alive (hash of waiter id → deadline). ARGV: waiter id, lock ttlMs,
   * aliveMs (how long a waiter stays queued without polling again), fence counter ttlMs.
   * → the fencing token when granted, 0 when the caller must poll again.
   */
  tryLock: `
    local now = server_ms()
    if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then
      local t = redis.call('TIME')
      redis.call('ZADD', KEYS[3], tonumber(t[1]) * 1000000 + tonumber(t[2]), ARGV[1])
    end
    redis.call('HSET', KEYS[4], ARGV[1], now + tonumber(ARGV[3]))
    -- A waiter that stopped polling (its process died) must not block the queue.
    local head
    while true do
      head = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
      local deadline = head and redis.call('HGET', KEYS[4], head)
      if not head or (deadline and tonumber(deadline) >= now) then break end
      redis.call('ZREM', KEYS[3], head)
      redis.call('HDEL', KEYS[4], head)
    end
    redis.call('PEXPIRE', KEYS[3], ARGV[3])
    redis.call('PEXPIRE', KEYS[4], ARGV[3])
    if head ~= ARGV[1] or redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
    redis.call('ZREM', KEYS[3], ARGV[1])
    redis.call('HDEL', KEYS[4], ARGV[1])
    local token = redis.call('INCR', KEYS[2])
    redis.call('PEXPIRE', KEYS[2], ARGV[4])
    redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
    return token
  `,
  /** KEYS: queue, alive. ARGV: waiter id. A waiter that gave up leaves the queue. */
  leaveLockQueue: `
    redis.call('ZREM', KEYS[1], ARGV[1])
    redis.call('HDEL', KEYS[2], ARGV[1])
    return 0
  `,
  /**
   * KEYS: lock. ARGV: token, wake-up channel, conversation key. Deletes the lock only if this
   * holder still owns it, and tells the waiting instances so that the next one need not wait for
   * its next poll.
   */
  releaseLock: `
    if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
    redis.call('DEL', KEYS[1])
    redis.call('PUBLISH', ARGV[2], ARGV[3])
    return 1
  `,
  /** KEYS: items, by-time. ARGV: id, item JSON, receivedAt. Keeps the first copy of an id. */
  inboxAdd: `
    inbox_add(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3])
    return 0
  `,
  /** KEYS: items, by-time. ARGV: id. */
  inboxRemove: `
    inbox_remove(KEYS[1], KEYS[2], ARGV[1])
    return 0
  `,
  /**
   * KEYS: items, by-time. ARGV: received at or before, limit, channels (a JSON array, '' for all).
   * → item JSONs, oldest first. With channels, reads on in batches until `limit` match.
   */
  inboxPending: `
    local limit = tonumber(ARGV[2])
    if ARGV[3] == '' then
      local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, limit)
      if #ids == 0 then return {} end
      return redis.call('HMGET', KEYS[1], unpack(ids))
    end
    local wanted = {}
    for _, channel in ipairs(cjson.decode(ARGV[3])) do wanted[channel] = true end
    local found, offset = {}, 0
    while #found < limit do
      local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', offset, 200)
      if #ids == 0 then break end
      for _, item in ipairs(redis.call('HMGET', KEYS[1], unpack(ids))) do
        if item and wanted[cjson.decode(item).channel] then
          found[#found + 1] = item
          if #found >= limit then break end
        end
      end
      offset = offset + #ids
    end
    return found
  `,
} as const;

export type ScriptName = keyof typeof BODIES;

/** The scripts in ioredis's `scripts` option shape; the number of keys is passed on each call. */
export const REDIS_SCRIPTS = Object.fromEntries(
  Object.entries(BODIES).map(([name, body]) => [name, { lua: LIBRARY + body }]),
) as Record<ScriptName, { lua: string }>;
