"""Persistence: tables, engines and transactions, migrations, repositories."""
