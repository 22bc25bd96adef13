"""A step's email as a draft to open in a mail client: RFC 5322, built by the standard library.

What goes in, and why:

- ``To``: each recipient, name and address; ``From``: the candidate, where their address is
  known. Headers are encoded (RFC 2047) by the ``email`` package, so a name such as
  "Zoë Müller" survives every client; the JSON's ``message.to`` keeps it as written.
- ``Subject`` as in the plan; ``X-Unsent: 1``, which Outlook and Thunderbird read as "open
  this as a draft to edit and send", not as a received message.
- The body twice, ``multipart/alternative``: the plain text and its HTML, both UTF-8.
- No ``Date`` and no ``Message-ID``: the mail client sets them when the candidate sends it.
- Lines end in CRLF (the ``SMTP`` policy), as RFC 5322 asks of a message on the wire.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from app.domain.model import Candidate, Channel
from app.messages import Message
from app.services.errors import NotFound
from app.services.planning import PlannedInterview

MEDIA_TYPE = "message/rfc822"


def _address(name: str, email: str) -> Address:
    local, _, domain = email.rpartition("@")
    return Address(display_name=name, username=local, domain=domain)


def draft_eml(message: Message, *, sender: Candidate) -> bytes:
    """The email ``message`` as an unsent RFC 5322 draft from ``sender``.

    Args:
        message: an email message of a plan (``channel`` email, with addresses).
        sender: the candidate, whose address (if known) goes in ``From``.

    Returns:
        The draft's bytes, CRLF line endings, headers encoded.
    """
    draft = EmailMessage()
    draft["To"] = [_address(name, email) for name, email in message.addresses]
    if sender.email:
        draft["From"] = _address(sender.name, sender.email)
    draft["Subject"] = message.subject or ""
    draft["X-Unsent"] = "1"
    draft.set_content(message.body_text, charset="utf-8")
    draft.add_alternative(message.body_html, subtype="html", charset="utf-8")
    return draft.as_bytes(policy=SMTP)


def step_eml(planned: PlannedInterview, *, step_id: str, sender: Candidate) -> bytes:
    """The draft of one step's email.

    Raises:
        NotFound: no such step, or a step with no email to send (a call, moving on, a step
            already done), or one whose recipient has no address.
    """
    message = planned.messages.get(step_id)
    if message is None:
        known = any(step.id == step_id for step in planned.plan.steps)
        raise NotFound(
            "This step has no message to send (it is done, skipped or moving on)."
            if known
            else "No step with this id in the interview's plan."
        )
    if message.channel is not Channel.EMAIL or not message.addresses:
        raise NotFound("This step's message is not an email with an address: nothing to open.")
    return draft_eml(message, sender=sender)
