"""SSH signatures (OpenSSH's PROTOCOL.sshsig, what `git` and `ssh-keygen -Y` use) with `cryptography`.

A reviewer signs with the SSH key they already sign commits with. Verification
runs at every build, so it needs only Python: `cryptography` parses the keys
and checks Ed25519, ECDSA and RSA signatures; this module is the envelope.
Signing uses the key file when `cryptography` can read it (no passphrase),
else `ssh-keygen -Y sign` (a passphrase, an agent, a hardware key).
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

NAMESPACE = "publisher-review"  # a signature made for git commits cannot be replayed here
MAGIC = b"SSHSIG"
BEGIN, END = "-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----"
HASHES = {"sha512": hashlib.sha512, "sha256": hashlib.sha256}
EC_CURVES = {b"nistp256": hashes.SHA256, b"nistp384": hashes.SHA384, b"nistp521": hashes.SHA512}


class SignatureError(Exception):
    """A key or signature that cannot be used; the message says why, in words."""


def public_key_blob(openssh: str) -> bytes:
    """The wire form of a public key line ('ssh-ed25519 AAAA... comment')."""
    parts = openssh.split()
    if len(parts) < 2:
        raise SignatureError("not an SSH public key: expected 'ssh-ed25519 AAAA...'")
    try:
        serialization.load_ssh_public_key(f"{parts[0]} {parts[1]}".encode())
        return base64.b64decode(parts[1], validate=True)
    except (ValueError, UnsupportedAlgorithm) as err:
        raise SignatureError(f"not an SSH public key we can use ({err})") from None


def fingerprint(blob: bytes) -> str:
    """SHA256:... as `ssh-keygen -l` prints it."""
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def signed_blob(message: bytes, hash_name: str = "sha512") -> bytes:
    """What the key actually signs: the magic, namespace, hash name and the message's hash."""
    digest = HASHES[hash_name](message).digest()
    return MAGIC + b"".join(
        _string(part) for part in (NAMESPACE.encode(), b"", hash_name.encode(), digest)
    )


def verify(message: bytes, armored: str, allowed: bytes) -> None:
    """Raise SignatureError unless `armored` signs `message` with the public key `allowed`."""
    public, namespace, hash_name, signature = _unwrap(armored)
    if public != allowed:
        raise SignatureError("it was made with another key")
    if namespace != NAMESPACE.encode() or hash_name not in HASHES:
        raise SignatureError("it was not made for a translation review")
    key = serialization.load_ssh_public_key(_openssh_line(public))
    algorithm, reader = _reader(signature)
    data = signed_blob(message, hash_name)
    try:
        _check(key, algorithm, reader.string(), data)
    except (InvalidSignature, ValueError) as err:
        raise SignatureError("the signature does not match the record") from err


def _check(key: object, algorithm: bytes, raw: bytes, data: bytes) -> None:
    if isinstance(key, ed25519.Ed25519PublicKey) and algorithm == b"ssh-ed25519":
        key.verify(raw, data)
    elif isinstance(key, rsa.RSAPublicKey) and algorithm in (b"rsa-sha2-256", b"rsa-sha2-512"):
        chosen = hashes.SHA256() if algorithm == b"rsa-sha2-256" else hashes.SHA512()
        key.verify(raw, data, padding.PKCS1v15(), chosen)
    elif isinstance(key, ec.EllipticCurvePublicKey) and algorithm.startswith(b"ecdsa-sha2-"):
        inner = _Reader(raw)
        r, s = int.from_bytes(inner.string(), "big"), int.from_bytes(inner.string(), "big")
        chosen = EC_CURVES[algorithm.removeprefix(b"ecdsa-sha2-")]()
        key.verify(encode_dss_signature(r, s), data, ec.ECDSA(chosen))
    else:
        raise InvalidSignature


def sign(message: bytes, key_file: Path) -> str:
    """An armored SSH signature of `message` with the private key in `key_file`."""
    try:
        key = serialization.load_ssh_private_key(key_file.read_bytes(), password=None)
    except OSError as err:
        raise SignatureError(f"cannot read the key {key_file}: {err.strerror}") from None
    except (ValueError, TypeError, UnsupportedAlgorithm):
        return _sign_with_ssh_keygen(message, key_file)  # a passphrase, or a key only it reads
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        return _sign_with_ssh_keygen(message, key_file)
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    signature = _string(b"ssh-ed25519") + _string(key.sign(signed_blob(message)))
    return _armour(base64.b64decode(public.split()[1]), signature)


def _sign_with_ssh_keygen(message: bytes, key_file: Path) -> str:
    program = shutil.which("ssh-keygen")
    if program is None:
        raise SignatureError(
            f"cannot sign with {key_file}: give an unencrypted Ed25519 key, or install "
            "OpenSSH's ssh-keygen (apt install openssh-client)"
        )
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "record"
        data.write_bytes(message)
        done = subprocess.run(
            [program, "-Y", "sign", "-n", NAMESPACE, "-f", str(key_file), str(data)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            reason = done.stderr.strip().splitlines()[-1:] or ["no reason given"]
            raise SignatureError(f"ssh-keygen could not sign with {key_file}: {reason[0]}")
        return Path(f"{data}.sig").read_text(encoding="ascii")


def _armour(public: bytes, signature: bytes) -> str:
    blob = (
        MAGIC
        + struct.pack(">I", 1)
        + b"".join(
            _string(part) for part in (public, NAMESPACE.encode(), b"", b"sha512", signature)
        )
    )
    text = base64.b64encode(blob).decode()
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return "\n".join([BEGIN, *lines, END]) + "\n"


def _unwrap(armored: str) -> tuple[bytes, bytes, str, bytes]:
    text = armored.strip()
    if not (text.startswith(BEGIN) and text.endswith(END)):
        raise SignatureError("the signature is not an SSH signature (BEGIN SSH SIGNATURE)")
    try:
        blob = base64.b64decode("".join(text[len(BEGIN) : -len(END)].split()), validate=True)
        reader = _Reader(blob)
        if reader.take(6) != MAGIC or struct.unpack(">I", reader.take(4))[0] != 1:
            raise ValueError("unknown version")
        public, namespace, _reserved, hash_name, signature = (reader.string() for _ in range(5))
        return public, namespace, hash_name.decode("ascii"), signature
    except (ValueError, struct.error, UnicodeDecodeError) as err:
        raise SignatureError(f"the signature is damaged ({err})") from None


def _reader(signature: bytes) -> tuple[bytes, _Reader]:
    reader = _Reader(signature)
    try:
        return reader.string(), reader
    except ValueError as err:
        raise SignatureError(f"the signature is damaged ({err})") from None


def _openssh_line(blob: bytes) -> bytes:
    algorithm = _Reader(blob).string()
    return algorithm + b" " + base64.b64encode(blob)


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


class _Reader:
    """Reads SSH wire-format fields (uint32 length, then bytes) in turn."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def take(self, count: int) -> bytes:
        if self.at + count > len(self.data):
            raise ValueError("too short")
        part = self.data[self.at : self.at + count]
        self.at += count
        return part

    def string(self) -> bytes:
        return self.take(struct.unpack(">I", self.take(4))[0])
