"""Rate limits shared by every replica, in Redis (REDIS_URL).

With several Rasa or web replicas, a limit kept in each process's memory would let a
phone or browser send as many messages again per replica. The same sliding window as
:class:`bot.messaging.rate_limit.RateLimiter`, kept in Redis under a hash of the
number (Redis holds no phone numbers). If Redis cannot be reached the message is
allowed and a warning logged: a limit must not silence people.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable

import redis

from bot.messaging.rate_limit import Limiter, RateLimiter

log = logging.getLogger(__name__)

# Drop what left the window, count the rest, add this message if there is room: in one
# step, so two replicas counting at once cannot both take the last place.
_SLIDING_WINDOW = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])))
return 1
"""


class SharedRateLimiter:
    """At most ``limit`` messages per key in any ``window`` seconds, across processes."""

    def __init__(
        self,
        url: str,
        scope: str,
        limit: int,
        window: float = 60.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.redis = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self.scope = scope
        self.limit = limit
        self.window = window
        self.clock = clock
        self._script = self.redis.register_script(_SLIDING_WINDOW)

    def _key(self, kind: str, number: str) -> str:
        digest = hashlib.sha256(number.encode()).hexdigest()[:24]
        return f"ctbtw:{kind}:{self.scope}:{digest}"

    def allow(self, number: str) -> bool:
        """Count one message from ``number``; False if it is over the limit."""
        try:
            args = [self.clock(), self.window, self.limit, uuid.uuid4().hex]
            return bool(self._script(keys=[self._key("rate", number)], args=args))
        except redis.RedisError as exc:
            log.warning("rate limit not checked, Redis unavailable: %s", type(exc).__name__)
            return True

    def should_warn(self, number: str) -> bool:
        """True once per window for a number over the limit, whichever replica asks."""
        try:
            key = self._key("warned", number)
            return bool(self.redis.set(key, 1, nx=True, ex=max(1, round(self.window))))
        except redis.RedisError:
            return True


def rate_limiter(redis_url: str | None, scope: str, limit: int) -> Limiter:
    """The shared limiter when REDIS_URL is set (replicas), else one in this process."""
    if redis_url:
        return SharedRateLimiter(redis_url, scope, limit)
    return RateLimiter(limit)
