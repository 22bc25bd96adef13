"""Ready-to-send messages for plan steps, from Jinja2 templates kept as files."""

from app.messages.render import LIMITS, WORD_BUDGETS, Message, render_step

__all__ = ["LIMITS", "WORD_BUDGETS", "Message", "render_step"]
