#!/usr/bin/env bash
# `make bench`: the site under gunicorn (production settings, whitenoise,
# 2 x cores workers) on a throwaway PostgreSQL server loaded with a scale
# department, driven by wrk from a second process on loopback; then the growth
# of the people pages at several department sizes; then benchmarks/RESULTS.md.
#
# Settings (environment):
#   BENCH_PEOPLE=500 BENCH_LESSONS=80 BENCH_QUIZZES=40 BENCH_DAYS=120  the loaded department
#   BENCH_SIZES="50 500 5000"   department sizes for the growth table
#   BENCH_DURATION=10           seconds of load per scenario (plus a 2 s warm-up)
#   BENCH_OUT=benchmarks/RESULTS.md
#   BENCH_QUICK=1               a smoke run: small sizes, 2 s per scenario, results to a temp file
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1

log() { printf '\n=== %s ===\n' "$*"; }
# shellcheck source=../.ci/postgres.sh
source .ci/postgres.sh

if [ -n "${BENCH_QUICK:-}" ]; then
  : "${BENCH_PEOPLE:=40}" "${BENCH_LESSONS:=8}" "${BENCH_QUIZZES:=4}" "${BENCH_DAYS:=20}"
  : "${BENCH_SIZES:=40 80}" "${BENCH_DURATION:=2}" "${BENCH_WARMUP:=1}"
  : "${BENCH_OUT:=$(mktemp /tmp/salesmap-bench-results.XXXXXX.md)}"
fi
PEOPLE="${BENCH_PEOPLE:-500}"
LESSONS="${BENCH_LESSONS:-80}"
QUIZZES="${BENCH_QUIZZES:-40}"
DAYS="${BENCH_DAYS:-120}"
SIZES="${BENCH_SIZES:-50 500 5000}"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-2}"
OUT="${BENCH_OUT:-benchmarks/RESULTS.md}"
SEED="${BENCH_SEED:-1}"
WORKERS=$((2 * $(nproc)))

log "Setting up"
make install >/dev/null
command -v wrk >/dev/null || apt_install wrk
echo "wrk: $(wrk --version 2>&1 | head -1)"
start_throwaway_pg shared_buffers=256MB
PY=.venv/bin/python
WORK="$(mktemp -d /tmp/salesmap-bench.XXXXXX)"
GUNICORN_PID=""
cleanup() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  stop_throwaway_pg
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # through the EXIT trap: no server is left behind

db_url() { echo "postgres://postgres@127.0.0.1:$PG_PORT/$1"; }
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DJANGO_SETTINGS_MODULE=salesmap.settings.production
export SECRET_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$PORT"
export SECURE_SSL_REDIRECT=false
export MEDIA_ROOT="$WORK/media"
export LOG_LEVEL=WARNING

log "Schema and demo skeleton (a template database for every size)"
pg_run "$PG_BINDIR/createdb" -h "$PG_DIR" -p "$PG_PORT" -U postgres bench_template
DATABASE_URL="$(db_url bench_template)" $PY manage.py migrate --noinput -v0
DATABASE_URL="$(db_url bench_template)" $PY manage.py load_demo >/dev/null
$PY manage.py collectstatic --noinput -v0

load_size() { # load_size NAME PEOPLE: a database from the template with a department of PEOPLE
  pg_run "$PG_BINDIR/createdb" -h "$PG_DIR" -p "$PG_PORT" -U postgres -T bench_template "$1"
  DATABASE_URL="$(db_url "$1")" $PY manage.py load_scale --people "$2" --lessons "$LESSONS" \
    --quizzes "$QUIZZES" --days "$DAYS" --seed "$SEED" | grep "Scale data ready"
  DATABASE_URL="$(db_url "$1")" $PY manage.py update_index -v0 >/dev/null
  pg_run "$PG_BINDIR/psql" -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d "$1" -c ANALYZE
}

log "Loading a department of $PEOPLE ($LESSONS lessons, $QUIZZES quizzes, $DAYS days)"
start=$(date +%s)
load_size "bench_$PEOPLE" "$PEOPLE"
echo "loaded in $(( $(date +%s) - start )) s" | tee "$WORK/load-seconds.txt"
export DATABASE_URL
DATABASE_URL="$(db_url "bench_$PEOPLE")"
$PY -m benchmarks.bench prepare "$WORK"

log "gunicorn: $WORKERS workers on 127.0.0.1:$PORT"
DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}" .venv/bin/gunicorn salesmap.wsgi \
  --workers "$WORKERS" --bind "127.0.0.1:$PORT" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

log "Load: wrk, 1 thread, 4 connections, ${DURATION} s per scenario"
$PY -m benchmarks.bench load "$WORK" "http://127.0.0.1:$PORT" \
  --duration "$DURATION" --warmup "$WARMUP" --connections 4
kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true; GUNICORN_PID=""

log "Growth: team table, My onboarding and the brief at N = $SIZES"
for size in $SIZES; do
  if [ "$size" != "$PEOPLE" ]; then load_size "bench_$size" "$size"; fi
  DATABASE_URL="$(db_url "bench_$size")" $PY -m benchmarks.bench growth "$WORK"
done

log "Writing $OUT"
command="make bench"
[ -n "${BENCH_QUICK:-}" ] && command="BENCH_QUICK=1 make bench"
$PY -m benchmarks.bench report "$WORK" "$OUT" --command "$command"
echo "Results: $OUT"
