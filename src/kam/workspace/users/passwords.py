"""Passwords, hashed with argon2id (argon2-cffi's defaults, RFC 9106's second recommended option): slow
and memory-hard on purpose, because a password has little entropy and a stolen hash must not be cheap to
guess from. The password itself is never stored, logged or printed."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kam.i18n import Notice
from kam.workspace.errors import InvalidInput

MIN_LENGTH = 8  # characters; a shorter password is refused
MAX_LENGTH = 1024  # characters; hashing a megabyte of "password" is a denial of service, not security

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2id hash of `password` (with its salt and parameters), after checking its length."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise InvalidInput(Notice("ws_password_length", low=MIN_LENGTH, high=MAX_LENGTH))
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash; False when the user has no password."""
    if stored is None or len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
