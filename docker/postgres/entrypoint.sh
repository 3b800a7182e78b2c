#!/bin/bash
# First start on an empty data volume: initdb (superuser password from POSTGRES_PASSWORD, or the file
# POSTGRES_PASSWORD_FILE names; never on a command line), the init scripts on a server that listens
# on its socket only, then the real server on TCP. Later starts serve the existing cluster.
set -euo pipefail

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
        POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE")
    fi
    : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE)}"
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=peer --auth-host=scram-sha-256 \
           --encoding=UTF8 --locale=en_US.UTF-8 >/dev/null
    rm -f "$pwfile"
    unset POSTGRES_PASSWORD
    {
        echo "listen_addresses = '*'"
        echo "password_encryption = 'scram-sha-256'"
    } >> "$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"

    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w -t 60 start >/dev/null
    for script in /docker-entrypoint-initdb.d/*.sh; do
        [ -e "$script" ] || continue
        echo "postgres: running $script"
        bash "$script"
    done
    pg_ctl -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
    echo "postgres: initialised"
fi

exec postgres -D "$PGDATA"
