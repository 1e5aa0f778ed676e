"""The model's second opinion on replies the rules were unsure about.

Minimized: the model sees the sender's domain, the subject and the start of the body with e-mail
addresses, links, phone numbers and the user's name scrubbed, all marked as untrusted data. Never the
user's resume, address book or mailbox listing.
"""

from __future__ import annotations

from typing import Any

from ..infra.scrub import scrub_personal
from ..llm.client import LlmClient
from ..llm.prompts import mail_category_messages
from .classify import Category, Classification
from .mail_text import MailMessage

NEWSLETTER = "newsletter"
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["category", "screening"],
    "properties": {
        "category": {"type": "string", "enum": [c.value for c in Category] + [NEWSLETTER]},
        "screening": {"type": "boolean"},
    },
}


def validate(data: Any) -> tuple[str, bool]:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    category = data.get("category")
    allowed = [c.value for c in Category] + [NEWSLETTER]
    if category not in allowed:
        raise ValueError(f"'category' must be one of {', '.join(allowed)}")
    return str(category), bool(data.get("screening", False))


def llm_classify(client: LlmClient, msg: MailMessage, *, user_name: str | None = None) -> Classification | None:
    """The model's category, or None when it calls the message a newsletter or job alert."""
    messages = mail_category_messages(
        msg.sender_domain, scrub_personal(msg.subject, name=user_name), scrub_personal(msg.text, name=user_name)
    )
    category, screening = client.chat_json("tracking", messages, SCHEMA, validate, name="mail_category")
    if category == NEWSLETTER:
        return None
    chosen = Category(category)
    # A model's rejection or offer is only ever a suggestion: closing a job or calling it an offer on a
    # model's word alone is the mistake the user would not notice. Those wait in the review inbox.
    sure = chosen not in (Category.REJECTION, Category.OFFER)
    return Classification(
        chosen,
        sure,
        "model" if sure else "model (a rejection or offer needs your approval)",
        screening=screening and chosen is Category.INTERVIEW,
    )
