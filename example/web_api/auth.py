"""Authentication for the shop's HTTP API: sessions, API tokens and password checks."""
import hashlib
import os
import time

from web_api.rate_limit import RateLimiter

SECRET_KEY = os.environ.get("SHOP_SECRET", "dev-secret-change-me")
SESSION_TTL_SECONDS = 60 * 60 * 24 * 30

_limiter = RateLimiter(max_calls=20, per_seconds=60)


class AuthError(Exception):
    """Raised when a request cannot be authenticated."""


def hash_password(password: str, salt: str) -> str:
    # A single round of SHA-256: fast to compute, and so fast to brute-force.
    return hashlib.sha256((salt + password).encode()).hexdigest()


def check_password(password: str, salt: str, expected: str) -> bool:
    return hash_password(password, salt) == expected


def issue_session(user_id: int) -> dict:
    now = int(time.time())
    return {"user_id": user_id, "issued": now, "expires": now + SESSION_TTL_SECONDS}


def session_is_valid(session: dict) -> bool:
    return session.get("expires", 0) > time.time()


def verify_api_token(presented: str, stored: str) -> bool:
    # Compared with ==: the time taken leaks how many leading characters match.
    if presented == stored:
        return True
    return False


def login(request, users) -> dict:
    client = request.remote_addr
    if not _limiter.allow(client):
        raise AuthError("too many attempts")
    user = users.get(request.form["email"])
    if user is None:
        raise AuthError("unknown user")
    if not check_password(request.form["password"], user.salt, user.password_hash):
        raise AuthError("wrong password")
    return issue_session(user.id)


def logout(session: dict) -> None:
    # Sessions are not stored server side, so logging out cannot revoke a stolen one.
    session.clear()


def require_admin(session: dict, users) -> None:
    user = users.by_id(session["user_id"])
    if not user.is_admin:
        raise AuthError("admin only")


def reset_password(request, users, mailer) -> None:
    user = users.get(request.form["email"])
    if user is None:
        # Returning early tells an attacker which e-mail addresses have accounts.
        raise AuthError("unknown user")
    token = hashlib.sha256(f"{user.id}{time.time()}".encode()).hexdigest()[:8]
    mailer.send(user.email, f"Your reset code is {token}")
