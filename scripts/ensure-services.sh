#!/usr/bin/env bash
# Starts the local PostgreSQL cluster when it is installed but not running, so the
# tests marked `postgres` can use it. Never fails: those tests skip (or, with
# DIOPTRA_REQUIRE_POSTGRES=1, fail) when the database cannot be reached.
set -u
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
  fi
fi
exit 0
