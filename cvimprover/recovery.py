"""The scheduler process: rq-scheduler's loop plus our recovery pass at every tick, and
a loop that outlives a Redis restart."""

from __future__ import annotations

import contextlib
import logging
import time

from redis.exceptions import RedisError
from rq_scheduler import Scheduler

from cvimprover import maintenance

log = logging.getLogger(__name__)


class RecoveringScheduler(Scheduler):
    """rq-scheduler that, at every tick (SCHEDULER_INTERVAL), also enqueues again the
    applications whose job was lost (Redis flushed or restarted, worker killed) and puts
    back the periodic jobs a flush removed. Pending work is found in the database."""

    def enqueue_jobs(self):
        jobs = super().enqueue_jobs()
        for item in maintenance.recover(self):
            log.info("recovered application %s (%s)", item.application_id, item.reason)
        return jobs

    def run(self, burst: bool = False) -> None:
        while True:
            try:
                super().run(burst=burst)
                return
            except RedisError as exc:
                if burst:
                    raise
                log.warning("scheduler lost Redis (%s); trying again", exc)
                time.sleep(min(self._interval, 5))
                # Our own registration, left without its death, would refuse the restart
                with contextlib.suppress(RedisError):
                    self.connection.delete(self.key)
