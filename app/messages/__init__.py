"""Ready-to-send messages for plan steps, from Jinja2 templates kept as files."""

from app.messages.render import LIMITS, WORD_BUDGETS, Message, mailto_of, render_step

__all__ = ["LIMITS", "WORD_BUDGETS", "Message", "mailto_of", "render_step"]
