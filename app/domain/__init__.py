"""The pure core: every date decision and every step of a plan.

Imports only the standard library, ``holidays`` and ``dateutil`` (held by import-linter).
"""
