"""Who may write, and what the browser may run.

The server is read-only unless started with a token.  The API takes the token in a
header; the pages take it once on /login, then carry a signed session cookie and a
CSRF field derived from it in every form, all compared in constant time.  Every
response carries a Content-Security-Policy that allows scripts from this origin
only (no inline script, no eval), so text from an article can never run.  URL
fetching refuses every address that is not public.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

SESSION_COOKIE = "onrecord_session"
TOKEN_HEADER = "x-onrecord-token"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


def same(a: str | None, b: str | None) -> bool:
    """Constant-time equality of two secrets (False when either is missing)."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def _sign(token: str, message: str) -> str:
    return hmac.new(token.encode(), message.encode(), hashlib.sha256).hexdigest()


def new_session(token: str) -> str:
    """A session cookie value: a random id and its signature under the server token."""
    sid = secrets.token_urlsafe(18)
    return f"{sid}.{_sign(token, 'session|' + sid)}"


def session_id(token: str | None, cookie: str | None) -> str | None:
    """The session id if the cookie was signed with this server's token, else None."""
    if not token or not cookie or "." not in cookie:
        return None
    sid, signature = cookie.rsplit(".", 1)
    return sid if same(signature, _sign(token, "session|" + sid)) else None


def csrf_token(token: str | None, cookie: str | None) -> str:
    """The form field that proves a POST came from a page this session loaded."""
    sid = session_id(token, cookie)
    return _sign(token, "csrf|" + sid) if token and sid else ""


def form_allowed(token: str | None, cookie: str | None, field: str | None) -> bool:
    """A page's POST may write: a valid session cookie and its matching CSRF field."""
    expected = csrf_token(token, cookie)
    return bool(expected) and same(field, expected)


def api_allowed(token: str | None, header: str | None, authorization: str | None = None) -> bool:
    """An API call may write: the server token in X-Onrecord-Token or as a Bearer token."""
    if not token:
        return False
    if authorization and authorization.lower().startswith("bearer "):
        header = header or authorization[7:].strip()
    return same(header, token)


class UnsafeURL(ValueError):
    """A URL onrecord will not fetch: not http(s), or not a public address."""


def check_public_url(url: str) -> str:
    """Return the URL if it is http(s) and every address its host resolves to is public.

    Loopback, private, link-local, multicast and reserved addresses are refused, so a
    pasted URL cannot make the server read the machine's or the office network's
    services.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURL(f"{url}: only http and https URLs with a host name can be fetched")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeURL(f"{url}: cannot resolve {parts.hostname} ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise UnsafeURL(f"{url}: {parts.hostname} is a private or loopback address ({address}); not fetched")
    return url.strip()
