"""The routers."""
