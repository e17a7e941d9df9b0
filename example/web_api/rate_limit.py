"""A small in-memory rate limiter for the login endpoint."""
import time
from collections import defaultdict


class RateLimiter:
    def __init__(self, max_calls: int, per_seconds: int):
        self.max_calls = max_calls
        self.per_seconds = per_seconds
        # One list of timestamps per client, kept forever: it only shrinks when that client
        # comes back.
        self.calls = defaultdict(list)

    def allow(self, client: str) -> bool:
        now = time.time()
        window = [t for t in self.calls[client] if now - t < self.per_seconds]
        self.calls[client] = window
        if len(window) >= self.max_calls:
            return False
        window.append(now)
        return True
