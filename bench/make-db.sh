#!/bin/sh
# Creates (or starts again) the benchmark's PostgreSQL 15: a throwaway cluster on a loopback port
# holding a source database laid out like a deployment (the contract relations of
# src/main/resources/db/source, every migration in order, so the recommended indexes are there)
# filled by the project's own demo-data generator, and an empty pipeline database.
#
#   bench/make-db.sh [create] [--dir DIR] [--port N] [--first YYYY-MM] [--months N] [--scale S] [--seed N] [--fresh]
#   bench/make-db.sh start|stop|status|env [--dir DIR]
#
# Defaults: DIR target/bench-pg, port 55432, 120 months from 2016-01 (2016-01..2025-12) at scale 100
# (100 x Kazakhstan's monthly volume, about 26.6 million rows), seed 20250708. `create` reuses a
# cluster already made with the same data settings (it only starts it); --fresh throws it away first.
# `env` prints the SOURCE_DB_* and PIPELINE_DB_* variables that point the application at it.
#
# Runs initdb/pg_ctl from PG_BIN (default: the directory of `initdb` on PATH, else
# /usr/lib/postgresql/15/bin). PostgreSQL refuses to run as root: as root the cluster is owned by
# and run as the user `postgres` (BENCH_PG_USER to choose another).
#
# The cluster trusts loopback connections (it is a benchmark fixture with no secrets) and runs with
# fsync off: durability buys nothing here. The memory settings are those of a modest dedicated
# server on this 2-core, 24 GB machine; they are printed into BENCHMARKS.md by bench/run.sh.
set -eu

cmd=create
case "${1:-}" in
    create|start|stop|status|env) cmd=$1; shift ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/target/bench-pg
port=55432
first=2016-01
months=120
scale=100
seed=20250708
fresh=false
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --first) first=$2; shift 2 ;;
        --months) months=$2; shift 2 ;;
        --scale) scale=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --fresh) fresh=true; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "make-db.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$dir" in /*) ;; *) dir=$(pwd)/$dir ;; esac

if [ -z "${PG_BIN:-}" ]; then
    if command -v initdb >/dev/null 2>&1; then
        PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
    else
        PG_BIN=/usr/lib/postgresql/15/bin
    fi
fi
psql_bin=$PG_BIN/psql
[ -x "$psql_bin" ] || psql_bin=psql

# As root, run the server's programs as an ordinary user.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "${BENCH_PG_USER:-postgres}" -- "$@"
    else
        "$@"
    fi
}

# The port a cluster was made with wins over --port for every later command but a fresh create.
if [ -f "$dir/bench-data.txt" ] && ! { [ "$cmd" = create ] && [ "$fresh" = true ]; }; then
    port=$(sed -n 's/^port=//p' "$dir/bench-data.txt")
fi

psql_db() {
    db=$1; shift
    "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

running() {
    as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

start() {
    if ! running; then
        as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 120 start >/dev/null
    fi
}

print_env() {
    echo "SOURCE_DB_URL=jdbc:postgresql://127.0.0.1:$port/labour_source"
    echo "SOURCE_DB_USER=labour_reader"
    echo "SOURCE_DB_PASSWORD="
    echo "PIPELINE_DB_URL=jdbc:postgresql://127.0.0.1:$port/labour_pipeline"
    echo "PIPELINE_DB_USER=labour_pipeline"
    echo "PIPELINE_DB_PASSWORD="
}

case "$cmd" in
    start) start; exit 0 ;;
    stop) if running; then as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null; fi; exit 0 ;;
    status) if running; then echo "running on port $port: $dir"; cat "$dir/bench-data.txt"; else echo "not running: $dir"; exit 1; fi; exit 0 ;;
    env) print_env; exit 0 ;;
esac

wanted="first=$first months=$months scale=$scale seed=$seed"
if [ -f "$dir/bench-data.txt" ] && [ "$fresh" = false ]; then
    if grep -qx "data: $wanted" "$dir/bench-data.txt"; then
        start
        echo "make-db.sh: reusing $dir ($wanted, port $port)" >&2
        # Source migrations added since the load (new recommended indexes) are applied in place,
        # so the benchmark always measures the project's current schema. A cluster made before
        # migrations.txt existed had V1..V3.
        [ -f "$dir/migrations.txt" ] || printf '%s\n' V1__contract_relations.sql V2__date_indexes.sql \
            V3__covering_and_undated_indexes.sql > "$dir/migrations.txt"
        for f in $(ls "$root"/src/main/resources/db/source/V*__*.sql | sort -V); do
            if ! grep -qx "$(basename "$f")" "$dir/migrations.txt"; then
                echo "make-db.sh: applying $(basename "$f")" >&2
                psql_db labour_source -U labour_source_admin -f "$f"
                psql_db labour_source -c "VACUUM (ANALYZE)"
                basename "$f" >> "$dir/migrations.txt"
            fi
        done
        exit 0
    fi
    echo "make-db.sh: $dir holds other data ($(sed -n 's/^data: //p' "$dir/bench-data.txt")); use --fresh to replace it" >&2
    exit 2
fi
if [ -d "$dir" ]; then
    if [ -f "$dir/PG_VERSION" ] && running; then
        as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    fi
    rm -rf "$dir"
fi
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
    chown "${BENCH_PG_USER:-postgres}" "$dir"
fi
chmod 700 "$dir"
as_owner "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$dir/postgresql.conf" <<EOF

# bench/make-db.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
shared_buffers = 2GB
effective_cache_size = 12GB
work_mem = 16MB
maintenance_work_mem = 1GB
random_page_cost = 1.1
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 8GB
checkpoint_timeout = 30min
EOF
start

started=$(date +%s)
psql_db postgres <<'EOF'
CREATE ROLE labour_source_admin LOGIN;
CREATE ROLE labour_reader LOGIN;
CREATE ROLE labour_pipeline LOGIN;
CREATE DATABASE labour_source OWNER labour_source_admin;
CREATE DATABASE labour_pipeline OWNER labour_pipeline;
EOF
# The source's migrations in version order, as Flyway would apply them.
for f in $(ls "$root"/src/main/resources/db/source/V*__*.sql | sort -V); do
    echo "make-db.sh: $(basename "$f")" >&2
    psql_db labour_source -U labour_source_admin -f "$f"
    basename "$f" >> "$dir/migrations.txt"
done
psql_db labour_source -U labour_source_admin -f "$root/src/test/resources/db/demo/generate.sql"
echo "make-db.sh: generating $wanted" >&2
psql_db labour_source -U labour_source_admin -c "SELECT * FROM demo.generate(DATE '$first-01', $months, $scale, $seed)"
# A source that has been running for a while has its visibility map set by autovacuum; a freshly
# loaded one has not, and index-only scans would still visit the heap.
psql_db labour_source -c "VACUUM (ANALYZE)"
# An autovacuum worker that started analysing during the load holds back the horizon for the first
# pass on some relations; a second pass (cheap: it skips pages already all-visible) finishes them.
psql_db labour_source -c "VACUUM"
psql_db labour_source -U labour_source_admin <<'EOF'
GRANT USAGE ON SCHEMA public TO labour_reader;
GRANT SELECT ON inspection, violation, prescription, fine, suspension, worker_removal, accident_investigation,
    law_enforcement_referral, criminal_case, prosecuted_person, accident, accident_victim TO labour_reader;
EOF
elapsed=$(( $(date +%s) - started ))

{
    echo "port=$port"
    echo "data: $wanted"
    echo "load_seconds=$elapsed"
} > "$dir/bench-data.txt"
echo "make-db.sh: loaded in ${elapsed}s; rows per relation:" >&2
psql_db labour_source -At -F ' ' <<'EOF' | tee "$dir/rows.txt" >&2
SELECT r, n FROM (VALUES
  ('inspection', (SELECT count(*) FROM inspection)), ('violation', (SELECT count(*) FROM violation)),
  ('prescription', (SELECT count(*) FROM prescription)), ('fine', (SELECT count(*) FROM fine)),
  ('suspension', (SELECT count(*) FROM suspension)), ('worker_removal', (SELECT count(*) FROM worker_removal)),
  ('accident_investigation', (SELECT count(*) FROM accident_investigation)),
  ('law_enforcement_referral', (SELECT count(*) FROM law_enforcement_referral)),
  ('criminal_case', (SELECT count(*) FROM criminal_case)), ('prosecuted_person', (SELECT count(*) FROM prosecuted_person)),
  ('accident', (SELECT count(*) FROM accident)), ('accident_victim', (SELECT count(*) FROM accident_victim))) t(r, n)
UNION ALL SELECT 'total', sum(n) FROM (SELECT count(*) n FROM inspection UNION ALL SELECT count(*) FROM violation
  UNION ALL SELECT count(*) FROM prescription UNION ALL SELECT count(*) FROM fine UNION ALL SELECT count(*) FROM suspension
  UNION ALL SELECT count(*) FROM worker_removal UNION ALL SELECT count(*) FROM accident_investigation
  UNION ALL SELECT count(*) FROM law_enforcement_referral UNION ALL SELECT count(*) FROM criminal_case
  UNION ALL SELECT count(*) FROM prosecuted_person UNION ALL SELECT count(*) FROM accident
  UNION ALL SELECT count(*) FROM accident_victim) c;
SELECT 'size', pg_size_pretty(pg_database_size('labour_source'));
EOF
