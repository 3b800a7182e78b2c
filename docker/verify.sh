#!/usr/bin/env bash
# Builds the images, starts docker/compose.yaml and checks from outside the containers that the stack
# does what a site needs: healthy; `transmit` of the last complete month delivers both forms (files
# on the SFTP server match the manifest's SHA-256, both e-mails in the mailbox); a second transmit
# sends nothing; a restart keeps ledger and outbox; `status` shows both forms DELIVERED; SIGTERM ends
# a transmission and the service within the grace period with nothing half-sent; two pipeline
# replicas on one database deliver once; `down` leaves nothing behind. Prints PASS/FAIL per check,
# the timings, and ends with "N passed, M failed"; exits non-zero on any failure.
#
#   bash docker/verify.sh          as root on Debian/Ubuntu (installs what is missing with apt-get)
#
# Engine: Podman with podman-compose unless VERIFY_ENGINE=docker (Docker Engine with Compose v2).
# Podman runs with a private containers.conf (runc, cgroupfs, no default ulimits: what works on
# kernels with hybrid cgroups) given by CONTAINERS_CONF; the user's own configuration is not touched.
# Base images: VERIFY_BASE=auto (default) uses the registry's debian:bookworm-slim and
# eclipse-temurin:17-jre if they can be pulled, else a Debian made here with mmdebstrap and kept as
# localhost/debian:bookworm-slim (made once; later runs reuse it). VERIFY_BASE=local skips the
# registry. The stack runs as its own compose project (VERIFY_PROJECT, default
# labour-reporting-verify) with generated secrets, so a stack of the operator's is left alone;
# with podman-compose a docker/.env, if present, wins over them (podman-compose reads it last).
# VERIFY_KEEP=1 leaves the stack running and the work folder in place.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
COMPOSE_FILE=$ROOT/docker/compose.yaml
PROJECT=${VERIFY_PROJECT:-labour-reporting-verify}
ENGINE=${VERIFY_ENGINE:-podman}
BASE_MODE=${VERIFY_BASE:-auto}
LOCAL_BASE=localhost/debian:bookworm-slim
GRACE=150              # compose.yaml's stop_grace_period for pipeline
T0=$(date +%s)

W=$(mktemp -d "${TMPDIR:-/var/tmp}/labour-verify.XXXXXX")
mkdir -p "$W/logs"
passed=0
failed=0
stack_up=0

pass() { echo "PASS  $*"; passed=$((passed + 1)); }
fail() { echo "FAIL  $*"; failed=$((failed + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
note() { echo "      $*"; }
phase() { echo "---- $* ($(($(date +%s) - T0)) s)"; }
timing() { printf '%-46s %6s %s\n' "$1" "$2" "${3:-s}" >> "$W/timings"; }

finish() {
    trap - EXIT INT TERM
    if [ -s "$W/timings" ]; then
        echo "---- timings"
        cat "$W/timings"
    fi
    if [ "${VERIFY_KEEP:-0}" = 1 ]; then
        echo "kept: stack $PROJECT, work folder $W"
    else
        if [ "$stack_up" = 1 ]; then
            compose down -v -t 30 >>"$W/logs/cleanup.log" 2>&1
            remove_leftovers >>"$W/logs/cleanup.log" 2>&1
        fi
        rm -rf "$W"
    fi
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}
trap finish EXIT
trap 'echo "interrupted"; fail "interrupted"; exit 1' INT TERM

die() { fail "$*"; exit 1; }

# ---- the engine ---------------------------------------------------------------------------------

need_root_for() {
    [ "$(id -u)" = 0 ] || die "installing $* needs root (apt-get); install it yourself or run as root"
}

apt_install() {
    need_root_for "$@"
    echo "installing from Debian: $*"
    timeout 600 apt-get update -qq >>"$W/logs/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -qq --no-install-recommends "$@" \
        >>"$W/logs/apt.log" 2>&1 || die "apt-get install $* failed (see the apt log: VERIFY_KEEP=1)"
}

phase "tools"
need=()
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
command -v mvn >/dev/null || need+=(maven)
if [ "$ENGINE" = podman ]; then
    command -v podman >/dev/null || need+=(podman)
    command -v runc >/dev/null || [ -x /usr/sbin/runc ] || need+=(runc)
    command -v podman-compose >/dev/null || need+=(podman-compose)
    # Service names resolve between containers on Podman's CNI networks through this plugin.
    if [ -d /usr/lib/cni ] || [ ! -e /etc/containers/networks ]; then
        [ -x /usr/lib/cni/dnsname ] || need+=(golang-github-containernetworking-plugin-dnsname)
    fi
    if [ "$BASE_MODE" != registry ]; then
        command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
    fi
fi
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"

if [ "$ENGINE" = podman ]; then
    cat > "$W/containers.conf" <<'CONF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
    export CONTAINERS_CONF=$W/containers.conf
    # Docker's image format keeps the Dockerfiles' HEALTHCHECK (OCI's has no place for it).
    export BUILDAH_FORMAT=docker
    ENG=(podman)
    COMPOSE=(podman-compose -p "$PROJECT" -f "$COMPOSE_FILE")
else
    ENG=(docker)
    COMPOSE=(docker compose -p "$PROJECT" -f "$COMPOSE_FILE")
fi
engine() { "${ENG[@]}" "$@"; }
compose() { "${COMPOSE[@]}" "$@"; }

# The containers of a service in this project, by compose's labels (both tools set them).
containers_of() {
    engine ps -a -q --filter "label=com.docker.compose.project=$PROJECT" \
        --filter "label=com.docker.compose.service=$1" 2>/dev/null
}
running_of() {
    engine ps -q --filter "label=com.docker.compose.project=$PROJECT" \
        --filter "label=com.docker.compose.service=$1" 2>/dev/null
}
remove_leftovers() {
    local ids
    ids=$(engine ps -a -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null)
    [ -z "$ids" ] || engine rm -f $ids
    for v in $(engine volume ls -q 2>/dev/null | grep "^${PROJECT}_" || true); do engine volume rm -f "$v"; done
}

# Healthy by the container's own check. Podman runs checks from systemd timers, which a machine
# without systemd lacks, so the check is run here; Docker's daemon runs it and reports the state.
healthy() {
    if [ "$ENGINE" = podman ]; then
        engine healthcheck run "$1" >/dev/null 2>&1
    else
        [ "$(engine inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)" = healthy ]
    fi
}
# wait_healthy SECONDS CONTAINER...: every container healthy within the time.
wait_healthy() {
    local limit=$1 c end; shift
    end=$(($(date +%s) + limit))
    for c in "$@"; do
        until healthy "$c"; do
            [ "$(date +%s)" -lt "$end" ] || return 1
            sleep 2
        done
    done
}

# ---- base images --------------------------------------------------------------------------------

phase "base images"
base_image=""
if [ "$BASE_MODE" = auto ] && [ "$ENGINE" = podman ] && ! engine image exists "$LOCAL_BASE"; then
    # A registry that answers supplies both bases; then nothing is bootstrapped.
    if timeout 120 podman pull -q docker.io/library/debian:bookworm-slim >>"$W/logs/pull.log" 2>&1 \
            && timeout 600 podman pull -q docker.io/library/eclipse-temurin:17-jre >>"$W/logs/pull.log" 2>&1; then
        base_image=registry
    fi
elif [ "$BASE_MODE" = registry ] || [ "$ENGINE" = docker ]; then
    base_image=registry
fi
if [ "$base_image" = registry ]; then
    export BASE_IMAGE=debian:bookworm-slim JRE_IMAGE=eclipse-temurin:17-jre
    note "bases from the registry: $BASE_IMAGE, $JRE_IMAGE"
else
    if ! engine image exists "$LOCAL_BASE"; then
        need_root_for mmdebstrap
        start=$(date +%s)
        timeout 900 mmdebstrap --quiet --variant=minbase bookworm "$W/rootfs.tar" >>"$W/logs/mmdebstrap.log" 2>&1 \
            || die "mmdebstrap could not make a Debian bookworm base"
        timeout 300 podman import -q "$W/rootfs.tar" "$LOCAL_BASE" >>"$W/logs/mmdebstrap.log" 2>&1 \
            || die "podman import of the Debian base failed"
        rm -f "$W/rootfs.tar"
        timing "base image (mmdebstrap + import)" $(($(date +%s) - start))
    else
        note "base $LOCAL_BASE exists; reused"
    fi
    export BASE_IMAGE=$LOCAL_BASE JRE_IMAGE=$LOCAL_BASE
fi

# ---- the jar and the images ---------------------------------------------------------------------

phase "jar"
jar=$ROOT/target/labour-reporting.jar
if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/config" "$ROOT/routes" "$ROOT/src/main" -newer "$jar" -print -quit)" ]; then
    start=$(date +%s)
    # clean: classes and route files left from an older checkout (a renamed route file) would be
    # packaged beside the new ones.
    (cd "$ROOT" && timeout 1200 mvn -B -ntp -q -DskipTests -Dcds.skip=true clean package) >"$W/logs/mvn.log" 2>&1 \
        || die "mvn package failed (see the mvn log: VERIFY_KEEP=1)"
    timing "jar (mvn package)" $(($(date +%s) - start))
else
    note "target/labour-reporting.jar is up to date"
fi

# The mail server's jar, from Maven Central through the host's Maven (docker/mail/Dockerfile).
gm=$ROOT/docker/mail/greenmail-standalone.jar
if [ ! -f "$gm" ]; then
    gm_args=(dependency:copy -Dartifact=com.icegreen:greenmail-standalone:2.1.7 -Dmdep.stripVersion=true
             -DoutputDirectory="$ROOT/docker/mail")
    (cd "$W" && { timeout 300 mvn -B -ntp -q -o "${gm_args[@]}" || timeout 600 mvn -B -ntp -q "${gm_args[@]}"; }) \
        >"$W/logs/greenmail-fetch.log" 2>&1 || die "could not fetch greenmail-standalone with Maven"
fi

# Secrets for this run only: random, in this process's environment, never in a file of the
# repository. The IMAP password is any: the demo's mail server takes every login.
secret() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }
export POSTGRES_PASSWORD=$(secret) SOURCE_ADMIN_PASSWORD=$(secret) SOURCE_DB_PASSWORD=$(secret)
export PIPELINE_DB_PASSWORD=$(secret) SFTP_PRIVATE_KEY_PASSPHRASE=$(secret)
export SMTP_USER="" SMTP_PASSWORD="" RECEIPTS_IMAP_PASSWORD=$(secret)
# The form's header and footer: a delivering run refuses empty ones (the system test's values).
export ORG_BIN=050340009875 ORG_NAME="Қарағанды облысы бойынша Мемлекеттік еңбек инспекциясы департаменті"
export ORG_ADDRESS="Қарағанды қ., Бұқар жырау даңғылы, 47" ORG_PHONE="+7 7212 41 20 35"
export ORG_EMAIL=karaganda@enbek.gov.kz ORG_EXECUTOR="Сейітова Айгүл Болатқызы" ORG_HEAD="Омаров Нұрлан Қайратұлы"
export CONSOLE_MONITOR_USER="" CONSOLE_MONITOR_PASSWORD="" CONSOLE_OPERATOR_USER="" CONSOLE_OPERATOR_PASSWORD=""
export MAIL_FROM=labour-reporting@inspection.example.kz MAIL_TO=reports@stat.example.kz OPS_MAIL_TO=ops@inspection.example.kz
# Demo months: enough for the periods transmitted below and the plausibility checks' history.
export DEMO_MONTHS=${VERIFY_DEMO_MONTHS:-6} DEMO_SCALE=${VERIFY_DEMO_SCALE:-1} DEMO_SEED=20250708
export PIPELINE_REPLICAS=1
printf '%s\n' "$POSTGRES_PASSWORD" "$SOURCE_ADMIN_PASSWORD" "$SOURCE_DB_PASSWORD" "$PIPELINE_DB_PASSWORD" \
    "$SFTP_PRIVATE_KEY_PASSPHRASE" "$RECEIPTS_IMAP_PASSWORD" > "$W/secrets"
chmod 600 "$W/secrets"

# Whatever a previous run left under this project name goes first.
compose down -v -t 10 >"$W/logs/down-before.log" 2>&1
remove_leftovers >>"$W/logs/down-before.log" 2>&1

phase "images"
build_ok=1
declare -A image_of=([postgres]=labour-reporting-postgres:local [sftp]=labour-reporting-sftp:local
                      [mail]=labour-reporting-mail:local [pipeline]=labour-reporting:local)
for service in postgres sftp mail pipeline; do
    start=$(date +%s)
    # podman-compose exits 0 whatever podman build did; it prints the build's "exit code: N".
    if timeout 1800 "${COMPOSE[@]}" build "$service" >"$W/logs/build-$service.log" 2>&1 \
            && ! grep -q '^exit code: [1-9]' "$W/logs/build-$service.log" \
            && engine image inspect "${image_of[$service]}" >/dev/null 2>&1; then
        timing "image $service (build)" $(($(date +%s) - start))
    else
        build_ok=0
        fail "image $service builds (last lines of its log follow)"
        tail -n 15 "$W/logs/build-$service.log" | sed 's/^/      /'
    fi
done
[ "$build_ok" = 1 ] || exit 1
pass "images build from ${BASE_IMAGE} / ${JRE_IMAGE}"

# Nothing secret in any layer: the images are built before any secret exists, so the check is for
# key material, key files and .env files in every layer (deleted ones too), and no secret-like
# setting in the history.
layers_clean() {
    local image=$1 dir=$W/layers-${1//[\/:]/_} bad=0 layer
    mkdir -p "$dir"
    engine save --format docker-archive -o "$dir/image.tar" "$image" >/dev/null 2>&1 || { note "$image: save failed"; return 1; }
    tar -xf "$dir/image.tar" -C "$dir" || return 1
    for layer in $(find "$dir" -name '*.tar' ! -name image.tar); do
        if tar -tf "$layer" | grep -E '(^|/)(\.env|id_(rsa|ecdsa|ed25519)|ssh_host_[a-z0-9]+_key|[^/]+\.(p12|pfx|jks|pem|key))$' \
                | grep -v -E '^(usr/share|etc/ssl/certs|usr/lib/ssl|etc/ca-certificates)/' | sed "s|^|      $image: file |" | grep .; then
            bad=1
        fi
        if tar -xOf "$layer" 2>/dev/null | grep -a -q -E -e '-----BEGIN (OPENSSH |RSA |EC |ENCRYPTED )?PRIVATE KEY-----'; then
            note "$image: a private key in layer $(basename "$(dirname "$layer")")"
            bad=1
        fi
        if tar -xOf "$layer" 2>/dev/null | grep -a -q -F -f "$W/secrets"; then
            note "$image: a secret of this run in a layer"
            bad=1
        fi
    done
    if engine history --no-trunc --format '{{.CreatedBy}}' "$image" \
            | grep -i -E '(PASSWORD|PASSPHRASE|SECRET|TOKEN)[A-Z_]*=[^ $"]' | sed "s|^|      $image: history |" | grep .; then
        bad=1
    fi
    rm -rf "$dir"
    [ "$bad" = 0 ]
}
for image in labour-reporting:local labour-reporting-postgres:local labour-reporting-sftp:local labour-reporting-mail:local; do
    check "no key, key file, .env or secret setting in any layer of $image" layers_clean "$image"
done
size=$(engine image inspect -f '{{.Size}}' labour-reporting:local)
timing "pipeline image size" $((size / 1000000)) MB
check "pipeline image: non-root user, launcher on PATH, CDS archives for its own JVM, HEALTHCHECK" bash -c '
    [ "$("$0" image inspect -f "{{.Config.User}}" labour-reporting:local)" = 10001:10001 ] &&
    "$0" image inspect -f "{{json .Config.Healthcheck}}" labour-reporting:local | grep -q actuator/health &&
    "$0" run --rm --entrypoint sh labour-reporting:local -c "command -v labour-reporting && ls lib/app/one-shot.jsa lib/app/service.jsa && java -XX:SharedArchiveFile=lib/app/one-shot.jsa -Xshare:on -cp lib/app/labour-reporting.jar -version" >/dev/null 2>&1' "${ENG[0]}"

# ---- the stack ----------------------------------------------------------------------------------

phase "stack up"
stack_up=1
start=$(date +%s)
timeout 600 "${COMPOSE[@]}" up -d >"$W/logs/up.log" 2>&1 || { tail -n 20 "$W/logs/up.log" | sed 's/^/      /'; die "compose up"; }
pg=$(running_of postgres); sftp=$(running_of sftp); mail=$(running_of mail); pipe=$(running_of pipeline | head -n 1)
[ -n "$pg" ] && [ -n "$sftp" ] && [ -n "$mail" ] && [ -n "$pipe" ] || { engine ps -a | sed 's/^/      /'; die "every service has a running container"; }
if wait_healthy 600 "$pg" "$sftp" "$mail" "$pipe"; then
    timing "stack start (up to all healthy)" $(($(date +%s) - start))
    pass "stack healthy: postgres, sftp, mail, pipeline"
else
    for c in "$pg" "$sftp" "$mail" "$pipe"; do healthy "$c" || { note "not healthy: $(engine inspect -f '{{.Name}}' "$c")"; engine logs --tail 20 "$c" 2>&1 | sed 's/^/      /'; }; done
    die "stack healthy within 600 s"
fi
host_port() { engine port "$1" "$2" | head -n 1 | sed 's/.*://'; }
http_port=$(host_port "$pipe" 8080)
imap_port=$(host_port "$mail" 3143)
check "pipeline health from the host (http://127.0.0.1:$http_port/actuator/health) is UP" \
    bash -c 'curl -fsS --max-time 10 "http://127.0.0.1:$0/actuator/health" | grep -q "\"status\":\"UP\""' "$http_port"

# ---- helpers to look from outside ---------------------------------------------------------------

psql_pipeline() { engine exec "$pg" psql -X -q -tA -U postgres -d labour_pipeline -c "$1"; }
# Lists "name sha256" of every file in the SFTP server's incoming directory.
sftp_files() { engine exec "$sftp" sh -c 'cd /srv/sftp/incoming && for f in *; do [ -f "$f" ] && sha256sum "$f"; done' | awk '{print $2, $1}' | sort; }
# Every manifest of PERIOD on the SFTP server names files that are there with its SHA-256; echoes the forms.
manifests_match() {
    local period=$1
    sftp_files > "$W/sftp.now"
    engine exec "$sftp" sh -c "cd /srv/sftp/incoming && cat -- *_${period}_V*.manifest.json 2>/dev/null | tr '\n' ' '; echo" > "$W/manifests.raw" || true
    python3 - "$W/sftp.now" "$period" "$sftp" "${ENG[0]}" <<'PY'
import json, subprocess, sys
listing = dict(line.split() for line in open(sys.argv[1]) if line.strip())
period, sftp, engine = sys.argv[2], sys.argv[3], sys.argv[4]
forms, ok = set(), True
for name in sorted(n for n in listing if n.endswith('.manifest.json') and f'_{period}_' in n):
    m = json.loads(subprocess.run([engine, 'exec', sftp, 'cat', f'/srv/sftp/incoming/{name}'],
                                  capture_output=True, check=True).stdout)
    for f in m['files']:
        if listing.get(f['name']) != f['sha256']:
            print(f"      {name}: {f['name']} {'missing' if f['name'] not in listing else 'differs'}", file=sys.stderr)
            ok = False
    forms.add(m['form'])
print(' '.join(sorted(forms)))
sys.exit(0 if ok else 1)
PY
}
# Messages in a mailbox over IMAP from the host (any password: the demo's server).
mail_subjects() {
    python3 - "$imap_port" "$1" <<'PY'
import email.header, imaplib, sys
imap = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]), timeout=20)
imap.login(sys.argv[2], 'any')
imap.select('INBOX', readonly=True)
for num in imap.search(None, 'ALL')[1][0].split():
    raw = imap.fetch(num, '(BODY.PEEK[HEADER.FIELDS (SUBJECT)])')[1][0][1].decode()
    subject = raw.split(':', 1)[1].strip() if ':' in raw else ''
    print(str(email.header.make_header(email.header.decode_header(subject))).replace('\r\n', ' '))
imap.logout()
PY
}
mail_count() { mail_subjects "$MAIL_TO" | grep -c . ; }
transmit() { timeout 600 "${ENG[@]}" exec "$1" labour-reporting transmit --period "$2" </dev/null; }

month_before() { python3 -c 'import sys; y, m = map(int, sys.argv[1].split("-")); y, m = (y, m - 1) if m > 1 else (y - 1, 12); print(f"{y:04d}-{m:02d}")' "$1"; }
P1=$(month_before "$(TZ=Asia/Almaty date +%Y-%m)")
P2=$(month_before "$P1")
P3=$(month_before "$P2")

# ---- transmit -----------------------------------------------------------------------------------

phase "transmit $P1"
start=$(date +%s)
transmit "$pipe" "$P1" >"$W/logs/transmit-1.log" 2>&1
rc=$?
timing "first transmit (both forms, $P1)" $(($(date +%s) - start))
check "transmit --period $P1 exits 0" test "$rc" -eq 0
# The service's start-up catch-up may have delivered the month already; then this run waited for
# its lease and reports ALREADY_DELIVERED. Either way the checks below are on what arrived.
note "outcome: $(grep -E '^(1-MEIZhM|2-OZh) ' "$W/logs/transmit-1.log" | awk '{print $1, $5}' | tr '\n' ' ')"
[ "$rc" -eq 0 ] || sed 's/^/      /' "$W/logs/transmit-1.log" | tail -n 20
forms=$(manifests_match "$P1")
check "both forms on the SFTP server, every file matching its manifest's SHA-256 ($forms)" test "$forms" = "1-MEIZhM 2-OZh"
subjects=$(mail_subjects "$MAIL_TO" 2>&1)
check "both e-mails in the bureau's mailbox ($(echo "$subjects" | tr '\n' ';'))" \
    bash -c '[ "$(grep -c . <<<"$0")" -eq 2 ] && grep -q "1-МЕИЖМ" <<<"$0" && grep -q "2-ӨЖ" <<<"$0"' "$subjects"

sftp_files > "$W/sftp.after1"
transmit "$pipe" "$P1" >"$W/logs/transmit-2.log" 2>&1
rc=$?
sftp_files > "$W/sftp.after2"
check "a second transmit exits 0 and sends nothing (same SFTP files, still 2 messages)" \
    bash -c '[ "$0" -eq 0 ] && cmp -s "$1" "$2" && [ "$3" -eq 2 ]' "$rc" "$W/sftp.after1" "$W/sftp.after2" "$(mail_count)"

# ---- restart: ledger and outbox are on volumes --------------------------------------------------

phase "restart"
ledger_before=$(psql_pipeline "SELECT form, period, version, status FROM transmission ORDER BY 1, 2, 3")
outbox_before=$(engine exec "$pipe" sh -c 'cd "$OUTBOX_DIR" && find . -type f | sort | xargs sha256sum')
start=$(date +%s)
compose restart -t "$GRACE" pipeline >"$W/logs/restart.log" 2>&1
if wait_healthy 300 "$pipe"; then
    took=$(($(date +%s) - start))
    timing "pipeline restart (stop + start to healthy)" "$took"
fi
ledger_after=$(psql_pipeline "SELECT form, period, version, status FROM transmission ORDER BY 1, 2, 3")
outbox_after=$(engine exec "$pipe" sh -c 'cd "$OUTBOX_DIR" && find . -type f | sort | xargs sha256sum')
check "after restart the pipeline is healthy and keeps the ledger and the outbox" \
    bash -c 'healthy_ok=$0; [ "$healthy_ok" = 1 ] && [ -n "$1" ] && [ "$1" = "$2" ] && [ -n "$3" ] && [ "$3" = "$4" ]' \
    "$( [ -n "${took:-}" ] && echo 1 || echo 0)" "$ledger_before" "$ledger_after" "$outbox_before" "$outbox_after"
# Start to healthy of a pipeline container whose database is up (BENCHMARKS.md).
engine stop -t "$GRACE" "$pipe" >/dev/null 2>&1
start_ms=$(date +%s%3N)
engine start "$pipe" >/dev/null 2>&1
if wait_healthy 300 "$pipe"; then
    timing "pipeline start to healthy (database up)" $(($(date +%s%3N) - start_ms)) ms
fi

status_out=$(timeout 120 "${ENG[@]}" exec "$pipe" labour-reporting status </dev/null 2>&1)
echo "$status_out" > "$W/logs/status.log"
check "status inside the container shows both forms of $P1 DELIVERED" \
    bash -c 'grep "$1" <<<"$0" | grep "1-MEIZhM" | grep -q DELIVERED && grep "$1" <<<"$0" | grep "2-OZh" | grep -q DELIVERED' "$status_out" "$P1"

# ---- SIGTERM ------------------------------------------------------------------------------------

phase "SIGTERM"
# A one-shot transmit in its own container, stopped (SIGTERM) while it runs: it must end within the
# grace period, leave no partial file (*.part) on the server, and the next plain run finishes it.
# (podman-compose: --rm drops the restart policy of a detached run and removes nothing; Docker
# Compose's run has no restart policy, and its --rm would remove the container before it is read.)
if [ "$ENGINE" = podman ]; then once=(--rm); else once=(); fi
compose run -d -T --no-deps "${once[@]}" --name "${PROJECT}_sigterm" pipeline transmit --period "$P2" \
    >"$W/logs/sigterm-run.log" 2>&1
end=$(($(date +%s) + 120))
state=""
while [ "$(date +%s)" -lt "$end" ]; do
    state=$(psql_pipeline "SELECT string_agg(form || ':' || status, ' ' ORDER BY form) FROM transmission WHERE period = '$P2'" 2>/dev/null)
    [ -z "$state" ] || break
    sleep 0.2
done
start=$(date +%s)
engine stop -t "$GRACE" "${PROJECT}_sigterm" >/dev/null 2>&1
took=$(($(date +%s) - start))
code=$(engine inspect -f '{{.State.ExitCode}}' "${PROJECT}_sigterm" 2>/dev/null)
engine rm -f "${PROJECT}_sigterm" >/dev/null 2>&1
note "stopped while the ledger showed: ${state:-nothing yet}; exit code $code after $took s"
check "SIGTERM ends a transmit within the grace period (${took} s < ${GRACE} s, not killed)" \
    bash -c '[ "$0" -lt "$1" ] && [ -n "$2" ] && [ "$2" != 137 ]' "$took" "$GRACE" "$code"
check "nothing half-sent: no partial file on the SFTP server" \
    bash -c '! "$0" exec "$1" sh -c "ls /srv/sftp/incoming" | grep -q "\.part$"' "${ENG[0]}" "$sftp"
transmit "$pipe" "$P2" >"$W/logs/transmit-p2.log" 2>&1
rc=$?
forms=$(manifests_match "$P2")
check "the next transmit finishes $P2: exit $rc, both forms match their manifests, each mailed once (4 messages)" \
    bash -c '[ "$0" -eq 0 ] && [ "$1" = "1-MEIZhM 2-OZh" ] && [ "$2" -eq 4 ]' "$rc" "$forms" "$(mail_count)"

# The service itself: SIGTERM (stop) ends it within the grace period, not by SIGKILL.
start=$(date +%s)
engine stop -t "$GRACE" "$pipe" >/dev/null 2>&1
took=$(($(date +%s) - start))
code=$(engine inspect -f '{{.State.ExitCode}}' "$pipe")
check "SIGTERM stops the service within its grace period (${took} s, exit code $code, not killed)" \
    bash -c '[ "$0" -lt "$1" ] && [ "$2" != 137 ]' "$took" "$GRACE" "$code"
check "no transmission left DELIVERING" test "$(psql_pipeline "SELECT count(*) FROM transmission WHERE status = 'DELIVERING'")" = 0
engine start "$pipe" >/dev/null 2>&1

# ---- two replicas, one database -----------------------------------------------------------------

phase "two replicas"
export PIPELINE_REPLICAS=2
if [ "$ENGINE" = podman ]; then
    compose up -d pipeline >"$W/logs/scale.log" 2>&1
else
    compose up -d --scale pipeline=2 --no-recreate pipeline >"$W/logs/scale.log" 2>&1
fi
mapfile -t replicas < <(running_of pipeline)
if [ "${#replicas[@]}" -eq 2 ] && wait_healthy 300 "${replicas[@]}"; then
    pass "pipeline scaled to 2 replicas, both healthy"
    # Both ask for the same month at once; the lease lets one deliver.
    transmit "${replicas[0]}" "$P3" >"$W/logs/replica-1.log" 2>&1 &
    a=$!
    transmit "${replicas[1]}" "$P3" >"$W/logs/replica-2.log" 2>&1 &
    b=$!
    wait "$a"; rc_a=$?
    wait "$b"; rc_b=$?
    versions=$(psql_pipeline "SELECT count(*) FROM transmission WHERE period = '$P3'")
    delivered=$(psql_pipeline "SELECT count(*) FROM transmission WHERE period = '$P3' AND status = 'DELIVERED'")
    forms=$(manifests_match "$P3")
    manifests=$(sftp_files | grep -c "_${P3}_V.*\.manifest\.json ")
    note "replica exits $rc_a and $rc_b; ledger rows $versions ($delivered DELIVERED); manifests on SFTP $manifests"
    check "two replicas transmitting $P3 at once deliver once: one version per form, 2 manifests, 2 more messages (6)" \
        bash -c '[ "$0" -eq 2 ] && [ "$1" -eq 2 ] && [ "$2" = "1-MEIZhM 2-OZh" ] && [ "$3" -eq 2 ] && [ "$4" -eq 6 ]' \
        "$versions" "$delivered" "$forms" "$manifests" "$(mail_count)"
else
    fail "pipeline scaled to 2 replicas, both healthy (${#replicas[@]} running)"
fi

# ---- down ---------------------------------------------------------------------------------------

phase "down"
compose down -t "$GRACE" >"$W/logs/down.log" 2>&1
left=$(engine ps -a -q --filter "label=com.docker.compose.project=$PROJECT" | grep -c .)
volumes=$(engine volume ls -q | grep -c "^${PROJECT}_")
check "down leaves no container ($left) and keeps the volumes ($volumes)" bash -c '[ "$0" -eq 0 ] && [ "$1" -ge 5 ]' "$left" "$volumes"
compose down -v -t 10 >>"$W/logs/down.log" 2>&1
volumes=$(engine volume ls -q | grep -c "^${PROJECT}_")
check "down -v removes the volumes ($volumes left)" test "$volumes" -eq 0
stack_up=0
timing "verify.sh total" $(($(date +%s) - T0))
