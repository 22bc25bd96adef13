"""The reader's tables for German, French and Spanish, as data: names of months, weekdays,
numbers and units, phrase patterns with the resolver each uses, and the cue words that make a
date a decision or set it aside. ``app.domain.timeline.language`` builds them."""
