"""Amazon credentials encrypted at rest (Fernet: AES-128-CBC with an HMAC-SHA256 tag), with a
key from the CREDENTIALS_KEY setting. The plain values exist only in the process that uses them."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

from workflow.errors import DomainError


class CredentialsKeyMissing(DomainError):
    status = 503
    slug = "credentials-key-missing"
    title = "Credentials cannot be stored"


def new_key() -> str:
    return Fernet.generate_key().decode()


def _fernet(key: str) -> Fernet:
    if not key:
        raise CredentialsKeyMissing(
            "the server has no CREDENTIALS_KEY setting to encrypt Amazon credentials with: "
            "generate one with 'feedback-desk amazon new-key' and set it in the environment"
        )
    try:
        return Fernet(key.encode())
    except ValueError:
        raise CredentialsKeyMissing(
            "the CREDENTIALS_KEY setting is not a valid key (32 url-safe base64-encoded bytes): "
            "generate one with 'feedback-desk amazon new-key'"
        ) from None


def encrypt(key: str, value: str) -> str:
    return _fernet(key).encrypt(value.encode()).decode()


def decrypt(key: str, token: str) -> str:
    try:
        return _fernet(key).decrypt(token.encode()).decode()
    except InvalidToken:
        raise CredentialsKeyMissing(
            "the stored Amazon credentials do not open with the CREDENTIALS_KEY setting: it changed since "
            "they were stored; connect the Amazon account again"
        ) from None
