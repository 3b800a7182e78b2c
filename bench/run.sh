#!/bin/sh
# The benchmark, in one run on one machine (BENCHMARKS.md explains what it measures and its targets):
#
#   bench/run.sh [--no-build] [--sql-only] [--delivery-only] [--first-run-only] [--monthly-run-only]
#                [--receipts-only] [--runs N] [--backfill-runs N] [--month-rounds N] [--ytd-rounds N]
#                [--first-run-rounds N] [--monthly-rounds N] [--idle-seconds N]
#
# Defaults: 7 rounds of whole processes, 3 of the backfill, 25 and 9 rounds of SQL builds, 5 of the
# first run and 5 of the whole monthly run.
#
# 1. the bench database: bench/make-db.sh (made once, about 4 minutes; reused after that; set
#    BENCH_DB_ARGS, e.g. "--scale 10 --months 24", for another size);
# 2. the jar with its class-data-sharing archives (mvn package; --no-build: use the one there) and
#    bench/empty-app, the start-up floor, trained the same way by the same launcher;
# 3. in one JVM with the real application context (SqlBench): each form's build through route
#    build-form vs the same SQL bare over JDBC vs a row-pulling peer, MONTH and YEAR_TO_DATE, and the
#    quality checks' own time within the build; the previous periods are kept in the pipeline
#    database's delivered history first, so the checks read the history a monthly run reads;
# 4. whole processes, interleaved round by round, wall time and peak RSS from GNU time: a one-shot
#    `transmit --dry-run` through bin/labour-reporting (unsigned and signed) and with plain `java -jar`, the empty app tuned
#    and plain, a 12-month backfill in one process vs twelve one-shot runs;
# 4b. SFTP delivery (delivery_phase; --delivery-only runs it alone): a signed version of each form
#    through route deliver-sftp vs OpenSSH's sftp -b of the same files, on loopback and through a
#    proxy adding 25 ms each way, against an OpenSSH server of its own; logins counted in its log;
# 4c. the first run (first_run_phase; --first-run-only runs it alone): a one-shot `transmit --dry-run`
#    of both forms on an empty pipeline database (created again before each round, not timed) vs the
#    same command on the pipeline database holding the 36 delivered months the checks read, in pairs;
#    and its floor, the history's rows counted bare (bench/history-floor.sql);
# 4d. the whole monthly run (monthly_run_phase, MonthlyRunBench; --monthly-run-only runs it alone):
#    both forms built, signed, delivered to the OpenSSH server and mailed to a GreenMail standalone
#    server, vs the sum of its floors (bare SQL, openssl cms -sign, sftp -b, curl smtp://), in pairs;
# 4e. receipts (receipts_phase; --receipts-only runs it alone): recording one (ReceiptBench), and the
#    service idle with and without both receipt consumers (IdleReceiptsBench), on the test tree's
#    servers (embedded PostgreSQL, SFTP, GreenMail), so on the test class path;
# 5. target/bench/results.md: medians, ratios, every target PASS or MISS. Exits 0 when every target
#    holds, 1 when one is missed or a step fails, 2 when something it needs is missing.
#
# --sql-only stops after step 3 (the report then covers the SQL targets only). A quick check of the
# harness and the report, not of the figures (a small database; BENCH_DB_ARGS=--fresh goes back to the full one):
#   BENCH_DB_ARGS="--scale 1 --first 2024-01 --months 24" bench/run.sh --sql-only --month-rounds 5 --ytd-rounds 3
#
# Needs GNU time (apt-get install -y time), PostgreSQL 15's initdb/pg_ctl/psql,
# a JDK 17 and Maven. Everything runs on loopback; nothing is sent anywhere.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=$root/target/bench
build=true
sql_only=false
delivery_only=false
first_run_only=false
monthly_run_only=false
receipts_only=false
idle_seconds=180
first_run_rounds=5
monthly_rounds=5
runs=7
backfill_runs=3
month_rounds=25
ytd_rounds=9
warmup=2
period=2025-12
as_of=2026-01-01T06:00:00+05:00
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=false; shift ;;
        --sql-only) sql_only=true; shift ;;
        --delivery-only) delivery_only=true; shift ;;
        --first-run-only) first_run_only=true; shift ;;
        --monthly-run-only) monthly_run_only=true; shift ;;
        --receipts-only) receipts_only=true; shift ;;
        --idle-seconds) idle_seconds=$2; shift 2 ;;
        --first-run-rounds) first_run_rounds=$2; shift 2 ;;
        --monthly-rounds) monthly_rounds=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --backfill-runs) backfill_runs=$2; shift 2 ;;
        --month-rounds) month_rounds=$2; shift 2 ;;
        --ytd-rounds) ytd_rounds=$2; shift 2 ;;
        -h|--help) sed -n '2,43p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ ! -x /usr/bin/time ]; then
    echo "run.sh: GNU time is missing; apt-get install -y time" >&2
    exit 2
fi
step() { echo "== $(date +%T) $*" >&2; }

step "database"
# shellcheck disable=SC2086
bench/make-db.sh create ${BENCH_DB_ARGS:-}
set -a
eval "$(bench/make-db.sh env)"
set +a
export OUTBOX_DIR="$out/outbox" REPORTING_ACCUMULATION=MONTH

if [ "$build" = true ]; then
    step "mvn package (jar, target/app, class-data-sharing archives)"
    mvn -B -q -ntp -Dstyle.color=never package -DskipTests
fi
[ -f target/app/one-shot.jsa ] || { echo "run.sh: target/app/one-shot.jsa is missing; run mvn package" >&2; exit 2; }
one_phase=false
if [ "$delivery_only" = true ] || [ "$first_run_only" = true ] || [ "$monthly_run_only" = true ] || [ "$receipts_only" = true ]; then
    one_phase=true
fi
if [ "$sql_only" = false ] && [ "$one_phase" = false ]; then
    step "bench/empty-app"
    (cd bench/empty-app && mvn -B -q -ntp -Dstyle.color=never package)
    LABOUR_REPORTING_JAR=bench/empty-app/target/empty-app.jar LABOUR_REPORTING_CDS=train bin/labour-reporting
fi

rm -rf "$out"
mkdir -p "$out/classes" "$out/outbox"
# (mvn test-compile compiles the same sources with the tests, so they cannot fall behind the application)
# ReceiptBench and IdleReceiptsBench use the test tree's servers (embedded PostgreSQL, SFTP, GreenMail):
# receipts_phase compiles them on the test class path.
javac -nowarn -d "$out/classes" -cp target/app/labour-reporting.jar \
    $(grep -L '^import kz\.labour\.reporting\.\(support\|demo\)\.' $(find bench/src -name '*.java'))
cp="target/app/labour-reporting.jar:$out/classes"

step "machine"
{
    echo "date: $(date -u +%FT%TZ)"
    echo "nproc: $(nproc)"
    echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "postgresql: $(psql -X -At -h 127.0.0.1 -p "$(sed -n 's/^port=//p' target/bench-pg/bench-data.txt 2>/dev/null || echo 55432)" -U postgres -d labour_source -c 'SELECT version()' 2>/dev/null | cut -d, -f1)"
    echo "rows:"
    sed 's/^/  /' target/bench-pg/rows.txt 2>/dev/null || true
} > "$out/machine.txt"
cat "$out/machine.txt" >&2

[ "$one_phase" = true ] || step "SQL: pipeline vs bare vs peer (MONTH: $month_rounds rounds, YEAR_TO_DATE: $ytd_rounds rounds)"
# SerialGC: no concurrent GC threads competing with PostgreSQL for the two cores while a variant runs.
[ "$one_phase" = true ] || java -Xmx1g -XX:+UseSerialGC -cp "$cp" kz.labour.reporting.bench.SqlBench "$out" "$period" "$as_of" "$month_rounds" "$ytd_rounds" "$warmup"

if [ "$sql_only" = true ]; then
    step "report: $out/results.md (SQL only)"
    exec java -cp "$cp" kz.labour.reporting.bench.Report "$out"
fi

launcher=$root/bin/labour-reporting
empty=$root/bench/empty-app/target/empty-app.jar
# Whole processes, start to exit: wall time and peak RSS of each run from GNU time. The commands of a
# comparison run interleaved, one of each per round, so a change in the machine's load (other work
# on a shared machine) falls on all of them alike; a first round is a warm-up and is not recorded.
measure() {
    name=$1; shift
    if ! /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt"; then
        echo "run.sh: '$name' failed:" >&2
        cat "$out/time.txt" "$out/stderr.txt" >&2
        exit 1
    fi
    if [ "$record" = true ]; then
        read -r seconds kb < "$out/time.txt"
        printf '%s\t%s\t%s\n' "$name" "$seconds" "$kb" >> "${tsv:-$out/process.tsv}"
    fi
}
# An organisation key under a throwaway CA, for the signed variants (docs/signing.md); the bench's
# ORG_BIN is the default, so the certificate names that BIN.
step "signing key (openssl, throwaway CA)"
pki=$out/pki
mkdir -p "$pki"
signing_pw=$(openssl rand -hex 16)
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.pem" -days 365 -subj "/CN=Bench CA" 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout "$pki/org.key" -out "$pki/org.csr" -subj "/O=Bench/OU=BIN000000000000/CN=Bench" 2>/dev/null
openssl x509 -req -in "$pki/org.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 365 -out "$pki/org.pem" 2>/dev/null
SIGNING_PW=$signing_pw openssl pkcs12 -export -inkey "$pki/org.key" -in "$pki/org.pem" -certfile "$pki/ca.pem" \
    -out "$pki/org.p12" -passout env:SIGNING_PW
signed="env SIGNING_KEYSTORE_FILE=$pki/org.p12 SIGNING_KEYSTORE_PASSWORD=$signing_pw"

[ "$one_phase" = true ] || step "signing alone: key store, ten file signatures and two S/MIME messages per pass, in a one-shot JVM"
[ "$one_phase" = true ] || $signed java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms32m -Xmx256m -cp "$cp" \
    kz.labour.reporting.bench.SigningBench "$out" 20 >/dev/null

# SFTP delivery against its floor (DeliveryBench): an OpenSSH server of our own on a free loopback
# port, the pipeline's route vs sftp -b of the same signed files, on loopback and through a proxy
# adding 25 ms each way; logins counted in the server's log. Kept in this function (other phases
# of this script are edited apart).
# An OpenSSH server of our own on a free loopback port, key login only, LogLevel VERBOSE (its log
# counts the logins); sets d, sshd_port and d/known_hosts. sshd_down stops it.
sshd_up() {
    d=$out/sshd
    rm -rf "$d"
    mkdir -p "$d/upload"
    ssh-keygen -q -t ed25519 -N '' -f "$d/host_key"
    ssh-keygen -q -t ecdsa -b 256 -N '' -f "$d/client_key"
    cp "$d/client_key.pub" "$d/authorized_keys"
    sshd_port=$(free_port)
    cat > "$d/sshd_config" <<CFG
ListenAddress 127.0.0.1
Port $sshd_port
HostKey $d/host_key
AuthorizedKeysFile $d/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
LogLevel VERBOSE
PidFile $d/sshd.pid
Subsystem sftp internal-sftp
CFG
    /usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log"
    echo "[127.0.0.1]:$sshd_port $(cut -d' ' -f1,2 "$d/host_key.pub")" > "$d/known_hosts"
}
sshd_down() {
    kill "$(cat "$d/sshd.pid")"
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

delivery_phase() {
    step "delivery: route deliver-sftp vs sftp -b, loopback and 25 ms each way"
    sshd_up
    delivery_status=0
    for delay in 0 25; do
        label=$([ "$delay" = 0 ] && echo loopback || echo "delay${delay}ms")
        cp "$d/known_hosts" "$d/known_hosts.$label"
        $signed env SFTP_HOST=127.0.0.1 SFTP_PORT="$sshd_port" SFTP_USER="$(id -un)" SFTP_PRIVATE_KEY_FILE="$d/client_key" \
            SFTP_KNOWN_HOSTS_FILE="$d/known_hosts.$label" SFTP_DIRECTORY="$d/upload" \
            java -Xmx512m -XX:+UseSerialGC -cp "$cp" kz.labour.reporting.bench.DeliveryBench "$out" "$period" "$as_of" \
            "${delivery_rounds:-7}" "$delay" "$label" "$d/upload" "$d/sshd.log" "$d/client_key" "$d/known_hosts.$label" \
            || delivery_status=1
    done
    sshd_down
    return $delivery_status
}

# The first run of a new deployment against the same run with history (first_run_phase): a one-shot
# dry run of both forms on an empty pipeline database (dropped and created again before each round,
# outside the timing; the run migrates it, as a new deployment's does) vs the same command on the
# pipeline database where the 36 months its checks read are kept as delivered. The two run in pairs,
# a warm-up pair first; the verdict is the median of the pairs' ratios.
first_run_phase() {
    step "first run: empty pipeline database vs history delivered, $first_run_rounds pairs"
    from=$(date -u -d "$period-01 -36 month" +%Y-%m)
    to=$(date -u -d "$period-01 -1 month" +%Y-%m)
    java -Xmx1g -XX:+UseSerialGC -cp "$cp" kz.labour.reporting.bench.DeliverHistory "$out" "$from" "$to" MONTH
    pg_port=$(sed -n 's/^port=//p' target/bench-pg/bench-data.txt)
    empty_url=$(echo "$PIPELINE_DB_URL" | sed 's#/labour_pipeline$#/labour_pipeline_first#')
    tsv=$out/first-run.tsv
    : > "$tsv"
    round=0
    while [ "$round" -le "$first_run_rounds" ]; do
        record=$([ "$round" -gt 0 ] && echo true || echo false)
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
            -c "DROP DATABASE IF EXISTS labour_pipeline_first" -c "CREATE DATABASE labour_pipeline_first OWNER labour_pipeline"
        measure "first run: empty pipeline database" env PIPELINE_DB_URL="$empty_url" "$launcher" transmit --period "$period" --dry-run
        measure "first run: history delivered" "$launcher" transmit --period "$period" --dry-run
        round=$((round + 1))
    done
    unset tsv
    # The floor of the first run's extra reading (bench/history-floor.sql): the history's rows counted
    # bare, five times, the median in seconds.
    floor_s=$(for i in 1 2 3 4 5; do
        t0=$(date +%s%N)
        PGOPTIONS="-c jit=off" psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d labour_source \
            -v from="$from-01" -v until="$period-01" -v as_of="$as_of" -f bench/history-floor.sql > /dev/null
        echo "$(( ($(date +%s%N) - t0) / 1000000 ))"
    done | sort -n | sed -n 3p | awk '{printf "%.2f", $1 / 1000}')
    # pairs in order: line 2k-1 the empty database, 2k the delivered history
    awk -F '\t' -v rounds="$first_run_rounds" -v floor="$floor_s" '
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        NR % 2 == 1 { e[++n] = $2; next }
        { h[n] = $2; r[n] = e[n] / $2 }
        END {
            me = median(e, n); mh = median(h, n); mr = median(r, n)
            printf "| first one-shot transmit --dry-run of both forms on an empty pipeline database <= 1.5 x the same run with history delivered (median of %d paired ratios) | %.2f x (medians %.2f s and %.2f s) | %s |\n", n, mr, me, mh, (mr <= 1.5 ? "PASS" : "MISS")
            printf "| information: the least a first run can take, the run with history plus the rows of its history counted bare (bench/history-floor.sql, median of 5) | %.2f x (%.2f s + %.2f s) |  |\n", (mh + floor) / mh, mh, floor
        }' "$out/first-run.tsv" > "$out/first-run.md"
    cat "$out/first-run.md"
    ! grep -q '| MISS |$' "$out/first-run.md"
}

# The whole monthly run against the sum of its floors (monthly_run_phase, MonthlyRunBench): the
# OpenSSH server above and a GreenMail standalone SMTP server, both on free loopback ports.
monthly_run_phase() {
    step "whole monthly run vs its floors, $monthly_rounds pairs"
    greenmail=${GREENMAIL_JAR:-$HOME/.m2/repository/com/icegreen/greenmail-standalone/2.1.7/greenmail-standalone-2.1.7.jar}
    if [ ! -f "$greenmail" ]; then
        mvn -B -q -ntp dependency:get -Dartifact=com.icegreen:greenmail-standalone:2.1.7 -Dtransitive=false
    fi
    sshd_up
    smtp_port=$(free_port)
    java -Xmx256m -XX:+UseSerialGC -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$smtp_port" \
        -Dgreenmail.auth.disabled -jar "$greenmail" > "$out/greenmail.log" 2>&1 &
    greenmail_pid=$!
    i=0
    until python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$smtp_port),1)" 2>/dev/null; do
        i=$((i + 1)); [ "$i" -lt 120 ] || { echo "run.sh: GreenMail did not start" >&2; cat "$out/greenmail.log" >&2; kill "$greenmail_pid"; sshd_down; return 1; }
        sleep 0.5
    done
    # A real run records and sends: the organisation's details must be real-looking (no placeholders),
    # and the signing certificate must name its BIN.
    bin=050340009875
    openssl req -new -newkey rsa:2048 -nodes -keyout "$pki/run.key" -out "$pki/run.csr" -subj "/O=Bench/OU=BIN$bin/CN=Bench" 2>/dev/null
    openssl x509 -req -in "$pki/run.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 365 -out "$pki/run.pem" 2>/dev/null
    SIGNING_PW=$signing_pw openssl pkcs12 -export -inkey "$pki/run.key" -in "$pki/run.pem" -certfile "$pki/ca.pem" \
        -out "$pki/run.p12" -passout env:SIGNING_PW
    monthly_status=0
    env SIGNING_KEYSTORE_FILE="$pki/run.p12" SIGNING_KEYSTORE_PASSWORD="$signing_pw" ORG_BIN=$bin \
        ORG_NAME="Қарағанды облысы бойынша Мемлекеттік еңбек инспекциясы департаменті" \
        ORG_ADDRESS="Қарағанды қ., Бұқар жырау даңғылы, 47" ORG_PHONE="+7 7212 41 20 35" ORG_EMAIL=karaganda@enbek.gov.kz \
        ORG_EXECUTOR="Сейітова Айгүл Болатқызы" ORG_HEAD="Омаров Нұрлан Қайратұлы" \
        SFTP_HOST=127.0.0.1 SFTP_PORT="$sshd_port" SFTP_USER="$(id -un)" SFTP_PRIVATE_KEY_FILE="$d/client_key" \
        SFTP_KNOWN_HOSTS_FILE="$d/known_hosts" SFTP_DIRECTORY="$d/upload" SMTP_HOST=127.0.0.1 SMTP_PORT="$smtp_port" \
        SMTP_STARTTLS=false MAIL_FROM=labour-reporting@inspection.example.kz MAIL_TO=reports@stat.example.kz \
        java -Xmx1g -XX:+UseSerialGC -cp "$cp" kz.labour.reporting.bench.MonthlyRunBench "$out" "$period" "$as_of" \
        "$monthly_rounds" "$d/upload" "$d/client_key" "$d/known_hosts" "$pki/run.pem" "$pki/run.key" || monthly_status=1
    kill "$greenmail_pid"
    sshd_down
    return $monthly_status
}

# Receipts (receipts_phase): what recording one costs, and what the two consumers cost a service that
# is idle, started by bin/labour-reporting with and without them in turn (two rounds, a minute to
# settle after start, then --idle-seconds measured).
receipts_phase() {
    step "receipts: recording one; the service idle ${idle_seconds} s with and without the consumers"
    mvn -B -q -ntp -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/test-classpath.txt"
    tcp="target/test-classes:target/classes:$(cat "$out/test-classpath.txt")"
    mkdir -p "$out/receipt-classes"
    javac -nowarn -d "$out/receipt-classes" -cp "$tcp" bench/src/main/java/kz/labour/reporting/bench/ReceiptBench.java \
        bench/src/main/java/kz/labour/reporting/bench/IdleReceiptsBench.java
    receipts_status=0
    java -Xmx512m -cp "$out/receipt-classes:$tcp" kz.labour.reporting.bench.ReceiptBench 300 "$out/receipts.md" || receipts_status=1
    java -Xmx512m -cp "$out/receipt-classes:$tcp" kz.labour.reporting.bench.IdleReceiptsBench target/labour-reporting.jar \
        "$idle_seconds" 2 60 "$out/receipts.md" || receipts_status=1
    cat "$out/receipts.md"
    return $receipts_status
}

if [ "$receipts_only" = true ]; then
    receipts_phase
    exit $?
fi
if [ "$delivery_only" = true ]; then
    delivery_phase
    exit $?
fi
if [ "$first_run_only" = true ]; then
    first_run_phase
    exit $?
fi
if [ "$monthly_run_only" = true ]; then
    monthly_run_phase
    exit $?
fi

step "processes: one-shot dry runs vs the empty app, $runs rounds after a warm-up round"
round=0
while [ "$round" -le "$runs" ]; do
    record=$([ "$round" -gt 0 ] && echo true || echo false)
    measure "launcher: transmit --dry-run" "$launcher" transmit --period "$period" --dry-run
    measure "launcher: transmit --dry-run, signed" $signed "$launcher" transmit --period "$period" --dry-run
    measure "plain java -jar: transmit --dry-run" java -jar "$root/target/labour-reporting.jar" transmit --period "$period" --dry-run
    measure "empty app, tuned as the launcher" env LABOUR_REPORTING_JAR="$empty" "$launcher" transmit
    measure "empty app, plain java -jar" java -jar "$empty"
    measure "launcher: transmit --dry-run, YEAR_TO_DATE" env REPORTING_ACCUMULATION=YEAR_TO_DATE "$launcher" transmit --period "$period" --dry-run
    round=$((round + 1))
done

# The history the backfill's quality checks compare with (the 36 months before 2024-01, and the
# backfill's own months), kept as delivered: a dry run delivers nothing, so without it every month
# would build its history from the source, as only a new deployment's first runs do (SqlBench kept
# the history of $period already).
step "delivered history for the backfill's months"
java -Xmx1g -XX:+UseSerialGC -cp "$cp" kz.labour.reporting.bench.DeliverHistory "$out" 2021-01 2024-12 MONTH

step "processes: a 12-month backfill in one process vs 12 one-shot runs, $backfill_runs rounds"
twelve="for m in 01 02 03 04 05 06 07 08 09 10 11 12; do $launcher transmit --period 2024-\$m --dry-run >/dev/null || exit 1; done"
record=true
round=1
while [ "$round" -le "$backfill_runs" ]; do
    measure "launcher: backfill 2024-01..2024-12 in one process" "$launcher" transmit --period 2024-01..2024-12 --dry-run
    measure "launcher: 12 one-shot runs 2024-01 .. 2024-12" sh -c "$twelve"
    round=$((round + 1))
done
phase_missed=0
delivery_phase || phase_missed=1
first_run_phase || phase_missed=1
monthly_run_phase || phase_missed=1
receipts_phase || phase_missed=1
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"

step "report: $out/results.md"
report_status=0
java -cp "$cp" kz.labour.reporting.bench.Report "$out" || report_status=$?
# the delivery and first-run targets' PASS or MISS lines and the monthly run's line, after the others
cat "$out"/delivery-*.md "$out/first-run.md" "$out/monthly-run.md" "$out/receipts.md" >> "$out/results.md" 2>/dev/null || true
[ "$report_status" -ne 0 ] && exit "$report_status"
exit "$phase_missed"
