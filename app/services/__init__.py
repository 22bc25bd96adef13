"""Use cases: compose the domain, the calendar data and the messages."""
