"""Sign-in rate limiting: failed sign-ins are counted per login and per client address over a sliding
window (`web_login_window_seconds`); past `web_login_failures_per_login` for a login, or
`web_login_failures_per_address` from an address, further tries are refused (429) before any password is
checked, until the oldest failure leaves the window. Kept in the server's memory: one `kam serve`
process, which is how kam serves a workspace."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

from kam.workspace.settings import WorkspaceSettings


class SignInLimiter:
    def __init__(self, settings: WorkspaceSettings, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = settings.web_login_window_seconds
        self.limits = {
            "login": settings.web_login_failures_per_login,
            "address": settings.web_login_failures_per_address,
        }
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _keys(self, login: str, address: str) -> list[tuple[str, str]]:
        return [("login", login.strip().casefold()), ("address", address)]

    def wait(self, login: str, address: str) -> int:
        """Seconds until a sign-in as `login` from `address` may be tried again; 0: now."""
        now = self._clock()
        longest = 0.0
        with self._lock:
            for key in self._keys(login, address):
                failures = self._failures.get(key)
                if failures is None:
                    continue
                while failures and failures[0] <= now - self.window:
                    failures.popleft()
                if not failures:
                    del self._failures[key]
                elif len(failures) >= self.limits[key[0]]:
                    longest = max(longest, failures[0] + self.window - now)
        return int(-(-longest // 1))

    def failed(self, login: str, address: str) -> None:
        now = self._clock()
        with self._lock:
            for key in self._keys(login, address):
                self._failures[key].append(now)

    def succeeded(self, login: str) -> None:
        """A right password clears the login's count (not the address's: one good account must not
        reset the count of an address trying many logins)."""
        with self._lock:
            self._failures.pop(("login", login.strip().casefold()), None)
