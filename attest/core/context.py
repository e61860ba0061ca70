"""Per-request context that services read without threading the request through."""

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("attest_request_id", default="")
