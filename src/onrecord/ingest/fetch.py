"""Fetching a URL the user gave: politely, boundedly, and only when asked.

onrecord goes to the network only for an ``http(s)://`` argument (and for the
articles a feed links to).  Every request names onrecord in its User-Agent, gives up
after a timeout, reads at most a size limit, and first asks the site's robots.txt.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from .. import __version__
from ..errors import Errors, InputError

USER_AGENT = f"onrecord/{__version__} (+README; who said what in the news)"
TIMEOUT_S = 20.0
MAX_BYTES = 10_000_000


@dataclass
class Fetched:
    """A response body with what is needed to read it."""

    url: str  # after redirects
    body: bytes
    content_type: str  # lower case, without parameters
    charset: str | None


@dataclass
class Fetcher:
    """One session's fetching rules; robots.txt is read once per site."""

    timeout: float = TIMEOUT_S
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def is_url(self, value: str) -> bool:
        return is_url(value)

    def get(self, url: str) -> Fetched | InputError:
        """The body at ``url``, or the error that names the URL and what went wrong."""
        if not self.allowed(url):
            return InputError(Errors.E020, where=url)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (http(s) only)
                body = response.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    return InputError(Errors.E025, where=url, size=len(body), limit=self.max_bytes)
                content_type = response.headers.get_content_type().lower()
                charset = response.headers.get_content_charset()
                return Fetched(response.geturl(), body, content_type, charset)
        except urllib.error.HTTPError as exc:
            return InputError(Errors.E019, where=url, detail=f"HTTP {exc.code} {exc.reason}")
        except (socket.timeout, TimeoutError):
            return InputError(Errors.E019, where=url, detail=f"no answer within {self.timeout:g} s")
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                return InputError(Errors.E019, where=url, detail=f"no answer within {self.timeout:g} s")
            return InputError(Errors.E019, where=url, detail=str(reason))
        except (OSError, ValueError) as exc:
            return InputError(Errors.E019, where=url, detail=str(exc))

    def allowed(self, url: str) -> bool:
        """What the site's robots.txt says of this URL for onrecord's User-Agent.

        A site without robots.txt (404, or none reachable) allows everything; one that
        refuses to show it (401, 403) allows nothing, as the robots.txt convention says.
        """
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        return True if rules is None else rules.can_fetch(self.user_agent, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        rules = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        request = urllib.request.Request(site + "/robots.txt", headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                lines = response.read(512_000).decode("utf-8", "replace").splitlines()
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):
                rules.disallow_all = True
                return rules
            return None
        except (OSError, ValueError):
            return None
        rules.parse(lines)
        return rules


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))
