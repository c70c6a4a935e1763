"""The signing key of the local identity provider, kept in a file so that every process of the
demo (web server workers, the task worker) signs and publishes the same key."""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def new_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def private_key_pem(path: Path | None) -> str:
    """The key in ``path`` (made on first use, mode 0600), or a fresh one when no path is given."""
    if path is None:
        return new_private_key_pem()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(new_private_key_pem())
    return path.read_text()
