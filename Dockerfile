# disclosure-guard: installs exactly as README's set-up does (scripts/bootstrap), runs as a
# non-root user. Mount a volume on /app/var for the embedded SQLite database and key file, or
# set DG_DATABASE_URL and DG_ENCRYPTION_KEY for PostgreSQL.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin guard

COPY requirements.lock requirements-model.txt pyproject.toml README.md alembic.ini ./
COPY scripts ./scripts
COPY src ./src
COPY models ./models
COPY alembic ./alembic
RUN scripts/bootstrap && mkdir -p /app/var && chown -R guard:guard /app/var

USER guard
ENV PATH="/app/.venv/bin:${PATH}"
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["disclosure-guard", "serve", "--host", "0.0.0.0", "--port", "8000"]
