"""The outside channels: a signed JSON webhook and email through SMTP. Each send either succeeds or raises
DeliveryError with a short reason that is safe to keep in the delivery log (no message text)."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import smtplib
import socket
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

import httpx

from careline import __version__
from careline.settings import Settings

SIGNATURE_HEADER = "X-Careline-Signature"


class DeliveryError(Exception):
    """A failed send. `retry` is False when trying again cannot help (e.g. the target is not allowed)."""

    def __init__(self, reason: str, *, status: int | None = None, retry: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason[:300]
        self.status = status
        self.retry = retry


def sign(body: bytes, secret: str) -> str:
    """The signature header value: "sha256=" + hex HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, secret: str, header_value: str) -> bool:
    """What a receiver does: recompute and compare in constant time."""
    return hmac.compare_digest(sign(body, secret), header_value or "")


def encode_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, default=str).encode()


def check_webhook_target(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that resolve to loopback, private or link-local addresses unless the deployment allows them,
    so a patient-supplied URL cannot make the server call into its own network."""
    host = urlsplit(url).hostname or ""
    if allow_private:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as exc:
        raise DeliveryError(f"cannot resolve the webhook host ({type(exc).__name__})") from exc
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise DeliveryError("the webhook host is on a private network, which this deployment does not allow",
                                retry=False)


def send_webhook(settings: Settings, *, url: str, payload: dict[str, Any], delivery_id: int, event: str) -> int:
    """POST the payload as JSON with the HMAC signature; returns the HTTP status (2xx) or raises DeliveryError."""
    if not settings.webhook_secret:
        raise DeliveryError("no webhook secret is configured (CARELINE_WEBHOOK_SECRET)", retry=False)
    check_webhook_target(url, allow_private=settings.webhook_allow_private_networks)
    body = encode_body(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"Careline/{__version__}",
        "X-Careline-Event": event,
        "X-Careline-Delivery": str(delivery_id),
        SIGNATURE_HEADER: sign(body, settings.webhook_secret),
    }
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=settings.webhook_timeout_seconds,
                              follow_redirects=False)
    except httpx.HTTPError as exc:
        raise DeliveryError(type(exc).__name__) from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"HTTP {response.status_code}", status=response.status_code)
    return response.status_code


def send_email(settings: Settings, *, to: str, subject: str, text: str) -> None:
    """Send a plain-text email through the configured SMTP server, or raise DeliveryError."""
    if not settings.smtp_host:
        raise DeliveryError("no SMTP server is configured (CARELINE_SMTP_HOST)", retry=False)
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            smtp.send_message(message)
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"SMTP {exc.smtp_code}", status=exc.smtp_code, retry=exc.smtp_code < 500) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(type(exc).__name__) from exc
