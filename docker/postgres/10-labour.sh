#!/bin/bash
# Run by the postgres image once, when its data volume is first initialised: lays the server out
# as a site has it (docs/interfaces.md, docs/source-contract.md).
#
#   labour_source    owned by labour_source_admin: the twelve contract relations (the project's own
#                    src/main/resources/db/source/*.sql, mounted at /labour/sql/source) and demo data
#                    (db/demo/generate.sql); labour_reader may CONNECT and SELECT them, nothing else.
#   labour_pipeline  owned by labour_pipeline: the ledger; the pipeline migrates it itself.
#
# Passwords come from the environment (compose.yaml, from docker/.env) and go to the server as
# psql variables, never on a command line. Demo size: LABOUR_DEMO_MONTHS months (0: none) ending
# with the last complete month in Asia/Almaty, at LABOUR_DEMO_SCALE (1 = the country's real
# volume), seeded. LABOUR_SQL_DIR (default /labour/sql) and the libpq PG* variables let the system
# test (src/systemtest/run.sh) run this same script against its own server.
set -euo pipefail

sql_dir=${LABOUR_SQL_DIR:-/labour/sql}

: "${LABOUR_SOURCE_ADMIN_PASSWORD:?}" "${LABOUR_SOURCE_READER_PASSWORD:?}" "${LABOUR_PIPELINE_PASSWORD:?}"
months=${LABOUR_DEMO_MONTHS:-24}
scale=${LABOUR_DEMO_SCALE:-1}
seed=${LABOUR_DEMO_SEED:-20250708}

run_sql() {
    psql -X -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password "$@"
}

echo "labour: roles and databases"
run_sql --dbname postgres \
    -v admin_pw="$LABOUR_SOURCE_ADMIN_PASSWORD" \
    -v reader_pw="$LABOUR_SOURCE_READER_PASSWORD" \
    -v pipeline_pw="$LABOUR_PIPELINE_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';
CREATE ROLE labour_source_admin LOGIN PASSWORD :'admin_pw';
CREATE ROLE labour_reader LOGIN PASSWORD :'reader_pw';
CREATE ROLE labour_pipeline LOGIN PASSWORD :'pipeline_pw';

CREATE DATABASE labour_source OWNER labour_source_admin ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE labour_source FROM PUBLIC;
GRANT CONNECT ON DATABASE labour_source TO labour_source_admin, labour_reader;

CREATE DATABASE labour_pipeline OWNER labour_pipeline ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE labour_pipeline FROM PUBLIC;
GRANT CONNECT ON DATABASE labour_pipeline TO labour_pipeline;
SQL

echo "labour: contract relations"
run_sql --dbname labour_source <<'SQL'
ALTER SCHEMA public OWNER TO labour_source_admin;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL
# The migrations in version order (V1, V2, ..., V10), as the source admin.
while IFS= read -r migration; do
    echo "labour:   $(basename "$migration")"
    { echo "SET ROLE labour_source_admin;"; cat "$migration"; } | run_sql --dbname labour_source
done < <(find "$sql_dir/source" -maxdepth 1 -name 'V*__*.sql' | sort -V)

if [ "$months" -gt 0 ]; then
    echo "labour: demo data, $months month(s) at scale $scale, seed $seed"
    { echo "SET ROLE labour_source_admin;"; cat "$sql_dir/demo/generate.sql"; } | run_sql --dbname labour_source
    run_sql --dbname labour_source -v months="$months" -v scale="$scale" -v seed="$seed" <<'SQL'
SET ROLE labour_source_admin;
SELECT relation, row_count
FROM demo.generate((date_trunc('month', now() AT TIME ZONE 'Asia/Almaty')
                    - make_interval(months => :months))::date, :months, :scale, :seed);
SQL
fi

echo "labour: reader grants"
run_sql --dbname labour_source <<'SQL'
SET ROLE labour_source_admin;
GRANT USAGE ON SCHEMA public TO labour_reader;
GRANT SELECT ON inspection, violation, prescription, fine, suspension, worker_removal,
                accident_investigation, law_enforcement_referral, criminal_case, prosecuted_person,
                accident, accident_victim
    TO labour_reader;
SQL
echo "labour: done"
