"""All configuration, from the environment with prefix DG_. Nothing else reads os.environ."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The repository's models/ folder, when running from a checkout or an editable install.
_REPO_MODELS_DIR = Path(__file__).resolve().parents[2] / "models"


def _usable_cpus() -> int:
    # A container limited to some CPUs sees them through the affinity mask, not cpu_count.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DG_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./var/disclosure-guard.db",
        description="SQLAlchemy URL. SQLite is the embedded default; PostgreSQL: postgresql+psycopg://…",
    )
    spacy_model: str | None = Field(
        default=None,
        description="Installed spaCy pipeline package to load instead of the one models/pipeline.json "
        "names (en_core_web_sm works too).",
    )
    models_dir: Path = Field(default=_REPO_MODELS_DIR, description="The project's NLP assets.")
    encryption_key: str | None = Field(
        default=None,
        description="Base64 of 32 random bytes (AES-256-GCM) for data at rest. "
        "Without it, a key file is used and created on first run.",
    )
    encryption_key_file: Path = Field(default=Path("./var/encryption.key"))
    match_strong: float = Field(default=0.90, ge=0, le=1)
    match_weak: float = Field(default=0.75, ge=0, le=1)
    check_timeout_seconds: float = Field(
        default=30.0, gt=0, description="A check that runs longer ends in hold (guard_error), waiting for a "
        "free worker included; its worker is killed and replaced."
    )
    check_workers: int = Field(
        default_factory=_usable_cpus, gt=0,
        description="Worker processes checks run in: how many checks run at once. Each loads the pipeline "
        "and the register index. Default: the CPUs this process may use.",
    )
    check_small_workers: int = Field(
        default=1, ge=0,
        description="Worker processes more, kept for small items (a letter, an email: at most "
        "small_item_chars of text), so that a letter never waits behind long documents. Each holds the "
        "pipeline and a register index like any worker. 0: none.",
    )
    small_item_chars: int = Field(
        default=20_000, ge=0, description="The most text an item may have to be checked by the small items' workers.")
    check_worker_nice: int = Field(
        default=5, ge=0, le=19,
        description="How many steps lower the CPU priority (nice) of the workers that take long items is than the "
        "server's and the small items' workers: they yield the cores to a letter and to the server's own work, "
        "and lose nothing while nothing else runs. 0: all alike.",
    )
    check_queue_length: int = Field(
        default=16, ge=0,
        description="Checks that may wait for a free worker; one more is answered 503 guard_busy at once.",
    )
    async_above_bytes: int | None = Field(
        default=None, gt=0,
        description="An item whose text is larger than this is answered 202 and checked in the background, as "
        "with Prefer: respond-async. None: only on request.",
    )
    async_lease_seconds: float | None = Field(
        default=None, gt=0,
        description="How long a claim on a pending check holds before another worker may take it again. "
        "Default: the check's deadline plus its workers' start time, plus a minute.",
    )
    async_poll_seconds: float = Field(
        default=1.0, gt=0, description="How often the background claimer looks for pending checks.")
    async_max_attempts: int = Field(
        default=3, gt=0,
        description="Claims a pending check may have before it is held (guard_error) without another try: "
        "a check whose claimer dies with it again and again is not tried for ever.",
    )
    parallel_above_chars: int = Field(
        default=100_000, gt=0,
        description="An item with more text than this has its parts (a document's pages), or shares of a long "
        "part's chunks (a 1 MB body), extracted in several workers at once and is decided once; smaller items "
        "run in one worker.",
    )
    worker_start_seconds: float = Field(
        default=300.0, gt=0,
        description="How long a worker may take to load the pipeline, or to rebuild the register index after "
        "the register changed, before it is replaced (not counted in the check's deadline).",
    )
    db_connect_timeout_seconds: float = Field(
        default=5.0, gt=0, description="Connecting to the database, or waiting for a pooled connection.")
    db_statement_timeout_seconds: float = Field(
        default=10.0, gt=0, description="PostgreSQL statement_timeout: longest one statement may run.")
    db_lock_timeout_seconds: float = Field(
        default=5.0, gt=0, description="PostgreSQL lock_timeout: longest a statement waits for a lock.")
    sqlite_busy_timeout_seconds: float = Field(
        default=10.0, gt=0, description="SQLite: longest a write waits for another writer to finish.")
    max_item_bytes: int = Field(default=25 * 1024 * 1024, gt=0, description="Largest item read (raw message or document).")
    max_attachments: int = Field(default=100, gt=0, description="Attachments per item, archive members included.")
    max_archive_depth: int = Field(default=3, ge=0, description="Archives inside archives.")
    max_mime_depth: int = Field(default=20, gt=0, description="Nested multiparts and forwarded messages.")
    max_decompression_ratio: int = Field(default=100, gt=1, description="Inflated size over compressed size, per member.")
    max_decompressed_bytes: int = Field(default=100 * 1024 * 1024, gt=0, description="Inflated bytes per item.")
    max_pages: int = Field(default=500, gt=0, description="Pages per document.")
    max_read_seconds: float = Field(default=20.0, gt=0, description="Time to read one item's parts.")
    max_text_chars: int = Field(default=10_000_000, gt=0, description="Characters of text per item.")
    max_header_bytes: int = Field(
        default=32 * 1024, ge=4096,
        description="Request line and headers together; larger is refused by the server (400) or the app (431).",
    )
    auto_migrate: bool = Field(
        default=True, description="Upgrade the schema on start (the embedded default)."
    )
    smtp_bounce_on_reject: bool = Field(
        default=True, description="Send the sender a bounce when a reviewer rejects a held message."
    )
    smtp_hostname: str | None = Field(
        default=None, description="The SMTP filter's host name in its bounces (Reporting-MTA); the machine's by default.")
    smtp_postmaster: str | None = Field(
        default=None, description="The address bounces come from; MAILER-DAEMON@ the host name by default.")
    smtp_relay_poll_seconds: float = Field(
        default=2.0, gt=0, description="How often the SMTP filter looks for released or rejected holds."
    )
    smtp_relay_retry_seconds: float = Field(
        default=120.0, ge=0, description="After the next hop refused a released hold, how long before the next try.")
    smtp_relay_max_attempts: int = Field(
        default=30, gt=0,
        description="Tries at the next hop before a released or rejected hold's relay is `failed` (audited, /readyz degraded).")
    smtp_authorized_xforward_hosts: list[str] = Field(
        default=["127.0.0.0/8", "::1/128"],
        description="Networks whose XFORWARD the SMTP filter accepts, as Postfix's smtpd_authorized_xforward_hosts "
                    "(a JSON list of CIDR networks); any other client's XFORWARD is refused (550).")
    demo_register: bool = Field(default=False, description="Load the demo register on start if empty.")
    key_rotation_grace_seconds: int = Field(
        default=24 * 3600, ge=0, le=90 * 86_400,
        description="After `apikey rotate`, how long the key's old secret keeps working (0: not at all).",
    )
    idempotency_window_seconds: int = Field(
        default=24 * 3600, gt=0,
        description="How long an Idempotency-Key on a POST of a check answers with the first check.")
    webhooks_allow_insecure: bool = Field(
        default=False,
        description="Allow webhook URLs over plain http and to loopback or private addresses (tests, on-premises "
        "receivers). Otherwise only https resolving to public addresses, checked at registration and each delivery.")
    webhook_timeout_seconds: float = Field(
        default=5.0, gt=0, description="How long one webhook delivery may take before it counts as failed.")
    webhook_retry_seconds: int = Field(
        default=24 * 3600, gt=0, description="How long a webhook delivery is retried before it is given up.")
    webhook_backoff_seconds: float = Field(
        default=5.0, gt=0, description="The wait after a webhook's first failed delivery; it doubles with each failure.")
    webhook_backoff_max_seconds: float = Field(
        default=3600.0, gt=0, description="The longest wait between two tries of a webhook delivery.")
    webhook_poll_seconds: float = Field(
        default=1.0, gt=0, description="How often each API process looks for webhook deliveries that are due.")
    review_idle_timeout_seconds: float = Field(
        default=30 * 60, gt=0,
        description="The reviewer pages: a session unused this long is signed out.")
    review_session_max_seconds: float = Field(
        default=12 * 3600, gt=0,
        description="The reviewer pages: a session ends this long after sign-in, however busy.")
    review_lockout_failures: int = Field(
        default=5, ge=1,
        description="The reviewer pages: failed sign-ins in a row that lock the account.")
    review_lockout_seconds: float = Field(
        default=15 * 60, gt=0, description="The reviewer pages: how long a locked account stays locked.")
    review_secure_cookie: bool | None = Field(
        default=None,
        description="The reviewer pages' session cookie is Secure (sent over HTTPS only). None: when the "
        "request came over HTTPS (behind a proxy, run uvicorn with --proxy-headers).")
    four_eyes: bool = Field(
        default=False,
        description="Releasing a held item needs two different reviewers (API and pages alike): the first release "
        "is recorded and the item waits for a second; a reject needs one.")
    review_overdue_minutes: int = Field(
        default=4 * 60, gt=0, description="The reviewer pages: a held item waiting longer than this is marked.")


@lru_cache
def get_settings() -> Settings:
    return Settings()
