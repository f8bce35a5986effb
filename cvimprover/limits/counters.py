"""Fixed-window counters in Redis, checked and incremented atomically by Lua scripts."""

from __future__ import annotations

import time
from dataclasses import dataclass

from redis import Redis

# Check every counter against its limit; increment all of them only if all fit.
# KEYS: counters. ARGV: per key, (amount, limit, expire_at).
# Returns {1, used...} when taken, {0, index of the first full counter, its used}.
CONSUME_SCRIPT = """
for i = 1, #KEYS do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used + tonumber(ARGV[3 * i - 2]) > tonumber(ARGV[3 * i - 1]) then
    return {0, i, used}
  end
end
local result = {1}
for i = 1, #KEYS do
  result[#result + 1] = redis.call('INCRBY', KEYS[i], ARGV[3 * i - 2])
  redis.call('EXPIREAT', KEYS[i], ARGV[3 * i])
end
return result
"""

# Give back what was taken, never below zero; a counter already gone stays gone.
# KEYS: counters. ARGV: amounts.
REFUND_SCRIPT = """
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    if redis.call('DECRBY', KEYS[i], ARGV[i]) < 0 then
      redis.call('SET', KEYS[i], 0, 'KEEPTTL')
    end
  end
end
return 1
"""


@dataclass(frozen=True)
class Counter:
    """One window of one counter: its key, the limit and when the window ends."""

    key: str
    limit: int
    reset_at: int  # Unix time the window ends
    amount: int = 1


@dataclass(frozen=True)
class Outcome:
    taken: bool
    used: list[int]  # per counter: after taking when taken, else as found
    full: int | None = None  # index of the first counter that did not fit


def window(seconds: int, now: float | None = None) -> tuple[int, int]:
    """(start, end) of the fixed window of `seconds` holding `now`, aligned on UTC."""
    now = time.time() if now is None else now
    start = int(now) - int(now) % seconds
    return start, start + seconds


def consume(redis: Redis, counters: list[Counter], keep_seconds: int) -> Outcome:
    if not counters:
        return Outcome(True, [])
    args: list[int] = []
    for c in counters:
        args += [c.amount, c.limit, c.reset_at + keep_seconds]
    result = redis.eval(CONSUME_SCRIPT, len(counters), *[c.key for c in counters], *args)
    if int(result[0]) == 1:
        return Outcome(True, [int(v) for v in result[1:]])
    index = int(result[1]) - 1
    used = [0] * len(counters)
    used[index] = int(result[2])
    return Outcome(False, used, index)


def refund(redis: Redis, counters: list[Counter]) -> None:
    if counters:
        redis.eval(
            REFUND_SCRIPT, len(counters), *[c.key for c in counters], *[c.amount for c in counters]
        )


def read(redis: Redis, keys: list[str]) -> list[int]:
    return [int(v or 0) for v in redis.mget(keys)] if keys else []
