"""gunicorn in production (docs/operations.md):

    gunicorn -c config/gunicorn.conf.py config.wsgi:application

Environment: GUNICORN_BIND (default 127.0.0.1:8000, behind nginx), WEB_CONCURRENCY (worker
processes; default two per CPU core plus one), GUNICORN_TIMEOUT (seconds, default 30),
FORWARDED_ALLOW_IPS (the proxy's address, default 127.0.0.1).
"""

from __future__ import annotations

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: every page is short and the database does the waiting. Each worker keeps one
# persistent connection to PostgreSQL (CONN_MAX_AGE), so workers × machines is the number of
# connections PgBouncer or PostgreSQL must allow.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycling a worker now and then caps slow memory growth; the jitter keeps them from
# restarting all at once.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a disk that may stall (gunicorn makes them with mkstemp).
SHARED_MEMORY = "/dev/shm"  # noqa: S108
if os.path.isdir(SHARED_MEMORY):
    worker_tmp_dir = SHARED_MEMORY
# The access log leaves out query strings: search terms and personal link tokens travel
# there and must not end up in logs.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# Trust X-Forwarded-* only from the reverse proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
