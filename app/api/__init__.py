"""The HTTP shell: routers, wire schemas, error handling."""
