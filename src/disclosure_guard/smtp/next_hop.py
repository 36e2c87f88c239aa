"""Sending to the next hop: the MTA port that Postfix's content_filter hands mail back to.

The message goes on as it came: with SMTPUTF8 when it came with SMTPUTF8 (a UTF-8 address such
as `josé@court.test`), with BODY=8BITMIME when it came so, and with the original client's XFORWARD
attributes when the next hop takes them. A next hop that does not offer what the message needs
gets nothing: the message is never converted or downgraded on the way."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from disclosure_guard.review.relay import RelayError, SmtpEnvelope

# Postfix's smtpd reads command lines of up to 512 bytes (RFC 5321 4.5.3.1.4); XFORWARD
# attributes are split over several commands to stay within that.
_MAX_COMMAND = 500


class NextHopError(Exception):
    """The message was checked but could not be handed to the next hop. `status` is the RFC 3463
    code (4.4.x: a routing problem, not the message's), `reason` a text that quotes no address,
    `error` its class as a held message's relay state records it."""

    def __init__(self, status: str, reason: str, error: RelayError = RelayError.NEXT_HOP_REFUSED) -> None:
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason
        self.error = error


def xtext(value: str) -> str:
    """RFC 3461 xtext, as XFORWARD values are written: '+', '=' and anything outside printable
    ASCII as +HH."""
    return "".join(f"+{byte:02X}" if byte < 33 or byte > 126 or byte in (43, 61) else chr(byte)
                   for byte in value.encode("utf-8"))


@dataclass(frozen=True)
class NextHop:
    host: str
    port: int
    timeout_seconds: float = 60.0
    local_hostname: str | None = None

    @classmethod
    def parse(cls, address: str) -> NextHop:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"expected HOST:PORT, got {address!r}")
        return cls(host, int(port))

    def send(self, envelope: SmtpEnvelope, raw: bytes) -> None:
        """Relay the message bytes unchanged; raises NextHopError when it was not taken."""
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout_seconds,
                              local_hostname=self.local_hostname) as client:
                client.ehlo_or_helo_if_needed()
                mail_options = self._mail_options(client, envelope)
                self._forward(client, envelope)
                client.sendmail(envelope.mail_from, list(envelope.rcpt_tos), raw, mail_options)
        except NextHopError:
            raise
        except smtplib.SMTPServerDisconnected as exc:
            raise NextHopError("4.4.2", "the connection to the next hop was lost", RelayError.CONNECTION_LOST) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            raise NextHopError("4.4.0", f"the next hop refused every recipient ({', '.join(map(str, codes))})",
                               RelayError.RECIPIENTS_REFUSED) from exc
        except smtplib.SMTPResponseException as exc:
            raise NextHopError("4.4.0", f"the next hop refused the message ({exc.smtp_code})") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise NextHopError("4.4.1", f"no answer from the next hop ({type(exc).__name__})",
                               RelayError.NEXT_HOP_UNREACHABLE) from exc

    @staticmethod
    def _mail_options(client: smtplib.SMTP, envelope: SmtpEnvelope) -> list[str]:
        options = []
        if envelope.smtp_utf8:
            if not client.has_extn("smtputf8"):
                raise NextHopError("4.4.0", "the next hop does not offer SMTPUTF8, which this message needs",
                                   RelayError.SMTPUTF8_NOT_OFFERED)
            options.append("SMTPUTF8")
        if envelope.body == "8BITMIME":
            if not client.has_extn("8bitmime"):
                raise NextHopError("4.4.0", "the next hop does not offer 8BITMIME, which this message needs",
                                   RelayError.EIGHTBITMIME_NOT_OFFERED)
            options.append("BODY=8BITMIME")
        return options

    @staticmethod
    def _forward(client: smtplib.SMTP, envelope: SmtpEnvelope) -> None:
        """XFORWARD the attributes the next hop lists, and only those (Postfix XFORWARD_README)."""
        if not envelope.xforward or not client.has_extn("xforward"):
            return
        offered = {name.upper() for name in client.esmtp_features["xforward"].split()}
        pairs = [f"{name}={xtext(value)}" for name, value in envelope.xforward if name in offered]
        line: list[str] = []
        for pair in pairs:
            if line and len(" ".join([*line, pair])) > _MAX_COMMAND:
                NextHop._xforward(client, line)
                line = []
            line.append(pair)
        if line:
            NextHop._xforward(client, line)

    @staticmethod
    def _xforward(client: smtplib.SMTP, pairs: list[str]) -> None:
        code, _ = client.docmd("XFORWARD", " ".join(pairs))
        if code != 250:
            raise NextHopError("4.4.0", f"the next hop refused XFORWARD ({code})", RelayError.XFORWARD_REFUSED)
