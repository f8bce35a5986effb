"""Plans and rate limits: what each plan allows, counted atomically in Redis.

The API other features use:

    consume(user, {"improvements": 1, "uploads": 2})   # all or nothing; 429 when over
    refund(user, {...})                                 # give back if storing then failed
    usage_status(user)                                  # per scope numbers for pages and API
    limit_by_ip("auth")                                 # decorator for unauthenticated routes

How each scope is counted: docs/limits.md.
"""

from cvimprover.limits.plans import SCOPES, all_plans, plan_named, seed_plans
from cvimprover.limits.service import (
    RateLimitExceeded,
    consume,
    count_api_call,
    limit_by_ip,
    refund,
    refund_api_call,
    reset,
    usage_status,
)

__all__ = [
    "SCOPES",
    "RateLimitExceeded",
    "all_plans",
    "consume",
    "count_api_call",
    "limit_by_ip",
    "plan_named",
    "refund",
    "refund_api_call",
    "reset",
    "seed_plans",
    "usage_status",
]
