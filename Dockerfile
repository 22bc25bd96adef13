# The follow-up planner as a container: `followup serve` applies pending migrations, then serves.
# SQLite in the /data volume by default; DATABASE_URL for PostgreSQL (see docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 PORT=8000 DATABASE_URL=sqlite:////data/followup.db
WORKDIR /srv
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install .
# The migrations: followup migrate finds alembic/ in the working directory.
COPY alembic ./alembic
# A user of its own, never root; it owns only the data volume.
RUN useradd --system --uid 10001 --no-create-home planner \
    && mkdir /data && chown planner /data
USER planner
VOLUME /data
EXPOSE 8000
# SIGTERM lets requests in flight finish (SHUTDOWN_GRACE_SECONDS, 30 s by default).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request as r; r.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"
CMD ["followup", "serve"]
