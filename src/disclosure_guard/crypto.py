"""Encryption at rest for register values and stored copies of submitted text.

AES-256-GCM with a random 96-bit nonce per value; stored as nonce || ciphertext+tag. The
associated data binds a value to its column, so a ciphertext moved to another column fails
to decrypt instead of being read as something else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)

_NONCE_BYTES = 12


class VaultError(Exception):
    """A value could not be decrypted: wrong key or tampered data."""


class Vault:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the encryption key must be 32 bytes (base64 of 32 random bytes)")
        self._aead = AESGCM(key)
        self._derivation = hmac.new(key, b"disclosure-guard key derivation", hashlib.sha256).digest()

    def derive_key(self, purpose: str) -> bytes:
        """A key for another use (e.g. address tokens in logs): one per purpose, and none of
        them gives back the encryption key."""
        return hmac.new(self._derivation, purpose.encode(), hashlib.sha256).digest()

    def seal(self, plaintext: bytes, purpose: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, purpose.encode())

    def open(self, sealed: bytes, purpose: str) -> bytes:
        try:
            return self._aead.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], purpose.encode())
        except (InvalidTag, ValueError) as exc:
            raise VaultError(f"cannot decrypt {purpose}") from exc

    def seal_json(self, value: Any, purpose: str) -> bytes:
        return self.seal(json.dumps(value, separators=(",", ":")).encode(), purpose)

    def open_json(self, sealed: bytes, purpose: str) -> Any:
        return json.loads(self.open(sealed, purpose))


def generate_key() -> str:
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()


def load_vault(encoded_key: str | None, key_file: Path) -> Vault:
    """The configured key, else the key file, else a new key file (embedded default only)."""
    if encoded_key:
        return Vault(_decode_key(encoded_key))
    if key_file.exists():
        return Vault(_decode_key(key_file.read_text().strip()))
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(generate_key() + "\n")
    log.warning(
        "DG_ENCRYPTION_KEY is not set: created a new encryption key in %s. Everything in the "
        "register is unreadable without this file: back it up, or set DG_ENCRYPTION_KEY in production.",
        key_file,
    )
    return Vault(_decode_key(key_file.read_text().strip()))


def _decode_key(encoded: str) -> bytes:
    try:
        return base64.b64decode(encoded, validate=True)
    except ValueError as exc:
        raise ValueError("the encryption key must be base64") from exc
