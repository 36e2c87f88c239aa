"""The bounce a sender gets when a reviewer rejects a held message: an RFC 3464 delivery status
notification, so that the sender's mail system reads it as one (a failed delivery, status 5.7.1)
rather than as a letter from a stranger.

    multipart/report; report-type=delivery-status
      text/plain                  what happened, for a person
      message/delivery-status     Reporting-MTA, then per recipient Final-Recipient, Action: failed,
                                  Status: 5.7.1, Diagnostic-Code
      text/rfc822-headers         the original message's headers, NOT its body: the body is what
                                  the reviewer stopped, and it may hold the protected details

A message that came with SMTPUTF8 gets RFC 6533's global forms (message/global-delivery-status,
message/global-headers, `utf-8;` addresses) when anything in them is not ASCII. The reviewer's
comment is never quoted: it may name what the message disclosed.
"""

from __future__ import annotations

from email.utils import formatdate, make_msgid

from disclosure_guard.review.relay import SmtpEnvelope

STATUS = "5.7.1"

_NOTICE = (
    "This is the mail system at host {host}.\r\n\r\n"
    "Your message was held by disclosure-guard because it may disclose a protected person's\r\n"
    "details, and a reviewer decided it must not be sent. It has not been delivered to anyone.\r\n\r\n"
    "Reference: check {check_id}\r\n"
    "Please contact your compliance team. The message's headers follow; its text is not returned.\r\n"
)


def delivery_status_notification(envelope: SmtpEnvelope, check_id: str, header_block: bytes | None,
                                 hostname: str, postmaster: str) -> bytes:
    """`header_block`: the original message's headers (review.relay.header_block), without its body."""
    headers = header_block.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + b"\r\n" if header_block else b""
    global_forms = envelope.smtp_utf8 and not (headers.isascii() and all(r.isascii() for r in envelope.rcpt_tos))
    boundary = make_msgid(domain=hostname)[1:-1].replace("@", ".")
    diagnostic = f"smtp; 550 {STATUS} Rejected by a reviewer at disclosure-guard (check {check_id})"
    recipients = "".join(
        f"\r\nFinal-Recipient: {'rfc822' if recipient.isascii() else 'utf-8'}; {recipient}\r\n"
        f"Action: failed\r\nStatus: {STATUS}\r\nDiagnostic-Code: {diagnostic}\r\n"
        for recipient in envelope.rcpt_tos)
    status_type = "message/global-delivery-status" if global_forms else "message/delivery-status"
    headers_type = "message/global-headers" if global_forms else "text/rfc822-headers"
    eight_bit = "Content-Transfer-Encoding: 8bit\r\n" if not headers.isascii() or global_forms else ""
    text = (
        f"From: Mail Delivery System <{postmaster}>\r\n"
        f"To: {envelope.mail_from}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {formatdate(localtime=False)}\r\n"
        f"Message-ID: {make_msgid(domain=hostname)}\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n'
        "\r\nThis is a MIME-encapsulated message.\r\n\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\nContent-Description: Notification\r\n\r\n"
        + _NOTICE.format(host=hostname, check_id=check_id) + "\r\n"
        f"--{boundary}\r\n"
        f"Content-Type: {status_type}\r\nContent-Description: Delivery report\r\n{eight_bit}\r\n"
        f"Reporting-MTA: dns; {hostname}\r\n"
        f"X-Disclosure-Guard-Check: {check_id}\r\n"
        f"{recipients}\r\n"
        f"--{boundary}\r\n"
        f"Content-Type: {headers_type}\r\nContent-Description: Undelivered message headers\r\n{eight_bit}\r\n"
    )
    return text.encode("utf-8") + headers + f"\r\n--{boundary}--\r\n".encode()
