#!/usr/bin/env bash
# System test: the built jar against real servers, run as an operator would.
#
#   bash src/systemtest/run.sh            (as root; .ci/run calls it after `mvn -B -ntp verify`)
#
# Starts, on loopback ports that are free, and stops again on exit:
#   - PostgreSQL 15 of this machine (initdb/pg_ctl as user postgres in a temporary folder), laid out
#     by docker/postgres/10-labour.sh exactly as compose does it: labour_source owned by an admin
#     role, readable by the SELECT-only labour_reader; labour_pipeline owned by its own role. The
#     source holds the hand-made fixture src/test/resources/fixtures/june-2025.sql, whose totals
#     FormBuildIntegrationTest works out by hand and this script knows.
#   - OpenSSH's sshd (openssh-server from Debian, installed if missing) with its own config, its own
#     host key, one chrooted SFTP-only user (ForceCommand internal-sftp), public keys only; the
#     client gets a known_hosts file pinning that host key. inotifywait (inotify-tools, installed if
#     missing) records every file written into the upload folder, so a double upload shows.
#   - GreenMail standalone (fetched with mvn dependency:copy) as the SMTP relay, with SMTP AUTH,
#     read back over its REST API.
#   - A test certification authority and the organisation's signing certificate (OU=BIN<ORG_BIN>),
#     made with openssl, the key in a PKCS#12 store the pipeline is given (SIGNING_KEYSTORE_*).
#   - Postfix (postfix) as a second relay and Dovecot (dovecot-imapd) as the pipeline's own mailbox,
#     both installed if missing, configured in the work folder, on loopback: Postfix announces DSN and
#     writes real delivery status notifications (delivered, and failed for an unknown address of the
#     bureau's domain) into Maildirs that Dovecot serves over IMAP.
# Then runs bin/labour-reporting with nothing but the environment variables of docs/interfaces.md:
#   transmit --period 2025-06            both forms delivered (exit 0): files checked against their
#                                        manifests, the outbox and the ledger; the messages; totals;
#                                        every file's .p7s and every message verified with openssl
#                                        (cms -verify, smime -verify) against the test CA alone
#                                        each .xlsx printed to PDF by LibreOffice headless (installed if
#                                        missing): at most two pages of A4 landscape
#   transmit --period 2025-06 again      exit 0, nothing sent: no new file, upload or message
#   (a victim's severity becomes FATAL)
#   transmit --period 2025-06 --force    2-OZh V0002 R delivered; 1-MEIZhM unchanged, not sent
#   status                               the ledger as a table
#   transmit with a wrong key-store password: refused before anything is built (exit 2), named
#   transmit with a known_hosts file lacking the server's key, and with a changed key: refused,
#                                        non-zero exit, nothing uploaded
#   transmit through Postfix to an existing and an unknown bureau address, on its own pipeline
#                                        database: the DSN request on the wire (Postfix's log); then the
#                                        service (RECEIPTS_IMAP_* on Dovecot, RECEIPTS_SFTP_DIRECTORY)
#                                        records Postfix's DSNs per recipient (DELIVERED, and FAILED with
#                                        an alert to OPS_MAIL_TO) and an ACCEPTED acknowledgement file,
#                                        which `status` shows in its BUREAU column
#   transmit --dry-run of 1-MEIZhM on a source of its own (13 months of demo data, an anomaly
#                                        planted): its .validation.html opened in headless Chromium
#                                        (installed if missing), every chart drawn
# and greps everything the runs printed and logged for the passwords it used.
#
# Prints PASS/FAIL per check and ends with the line "N passed, M failed". Exit 0 only if nothing
# failed. Environment: SYSTEMTEST_KEEP=1 keeps the work folder; SYSTEMTEST_RUN_TIMEOUT (seconds,
# default 300) bounds each run of the jar; LABOUR_REPORTING_JAR chooses the jar (default
# target/labour-reporting.jar, built if missing or older than the sources).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PERIOD=2025-06
AS_OF=2025-07-01T06:00:00+05:00
JAR=${LABOUR_REPORTING_JAR:-$ROOT/target/labour-reporting.jar}
RUN_TIMEOUT=${SYSTEMTEST_RUN_TIMEOUT:-300}
GREENMAIL_VERSION=2.1.7
MAIL_TO_ADDRESSES=(bureau@stat.systest.example archive@stat.systest.example)

# Totals rows (columns 2..17 and 2..8) of the fixture at $AS_OF, from FormBuildIntegrationTest.
EXPECT_MEIZHM_TOTAL="4 2 2 3 2 3 4 62.5 1 1 1 4 1 2 2 2"
EXPECT_OZH_TOTAL="4 2 7 5 4 1 2"
# After victim 4 (MODERATE) becomes FATAL: c6 (light and moderate) 4 -> 3, c8 (fatal) 2 -> 3.
EXPECT_OZH_TOTAL_CHANGED="4 2 7 5 3 1 3"

passed=0
failed=0
started=$SECONDS
phase_name=""
phase_start=$SECONDS
timings=()
W=""
pids=()
sftp_user=""
pg_started=0
secrets=()

pass() { printf 'PASS: %s\n' "$*"; passed=$((passed + 1)); }
fail() { printf 'FAIL: %s\n' "$*"; failed=$((failed + 1)); }
note() { printf '      %s\n' "$@"; }
die() { fail "setup: $*"; exit 1; }

phase() {
    if [ -n "$phase_name" ]; then timings+=("$phase_name $((SECONDS - phase_start)) s"); fi
    phase_name=$1
    phase_start=$SECONDS
    printf '== %s\n' "$1"
}

check_eq() { # description expected actual
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1"
        note "expected: $2" "actual:   $3"
    fi
}

check_true() { # description command...
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# ---- clean-up: everything started here is stopped, whatever happened ---------------------------

dump_logs() {
    local f
    for f in "$W"/logs/*; do
        [ -s "$f" ] || continue
        printf -- '---- %s (last 80 lines)\n' "${f#"$W"/}"
        tail -n 80 "$f" | redact
    done
}

# Logs are printed on failure; a password that leaked into one must not leak further into CI's log.
redact() {
    local s args=()
    for s in "${secrets[@]}"; do args+=(-e "s/$(printf '%s' "$s" | sed 's/[][\.*^$/]/\\&/g')/<redacted>/g"); done
    if [ ${#args[@]} -gt 0 ]; then sed "${args[@]}"; else cat; fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$phase_name" ]; then timings+=("$phase_name $((SECONDS - phase_start)) s"); fi
    if [ "$failed" -gt 0 ] && [ -n "$W" ] && [ -d "$W/logs" ]; then
        printf '== logs of the servers and runs\n'
        dump_logs
    fi
    stop_postfix
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    if [ "$pg_started" = 1 ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -m immediate -w stop >/dev/null 2>&1
    fi
    if [ -n "$sftp_user" ] && id "$sftp_user" >/dev/null 2>&1; then
        userdel "$sftp_user" >/dev/null 2>&1
    fi
    if [ -n "$W" ] && [ -d "$W" ]; then
        if [ "${SYSTEMTEST_KEEP:-0}" = 1 ]; then
            printf '(work folder kept: %s)\n' "$W"
        else
            rm -rf "$W"
        fi
    fi
    printf '== timings: %s; total %s s\n' "$(IFS=';'; echo "${timings[*]}" | sed 's/;/, /g')" "$((SECONDS - started))"
    if [ "$failed" -eq 0 ] && [ "$rc" -ne 0 ]; then
        fail "the script stopped with exit code $rc"
    fi
    printf '%d passed, %d failed\n' "$passed" "$failed"
    if [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]; then exit 0; else exit 1; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers -----------------------------------------------------------------------------------

random_secret() { openssl rand -hex 16; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

used_ports=" "
free_port() { # variable: set to a loopback port nothing listens on and not handed out before
    local p i
    for i in $(seq 1 200); do
        # Below Linux's ephemeral range (32768-60999), so no outgoing connection takes it meanwhile.
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
        case "$used_ports" in *" $p "*) continue ;; esac
        if ! port_in_use "$p"; then
            used_ports="$used_ports$p "
            printf -v "$1" '%s' "$p"
            return 0
        fi
    done
    return 1
}

wait_until() { # seconds description command...
    local deadline=$((SECONDS + $1)) what=$2
    shift 2
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "timed out after ${deadline}s waiting for $what" >&2
            return 1
        fi
        sleep 0.5
    done
}

apt_updated=0
install_packages() {
    local created_policy=0
    echo "installing from Debian: $*"
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        # Installing openssh-server must not start a system sshd on port 22.
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && created_policy=1
    fi
    if [ "$apt_updated" = 0 ]; then
        timeout 600 apt-get update -qq >"$W/logs/apt.log" 2>&1 || { [ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d; return 1; }
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends "$@" >>"$W/logs/apt.log" 2>&1
    local rc=$?
    [ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    return $rc
}

psql_admin() { # as the server's superuser over the private socket
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$W/pg/sock" -p "$PG_PORT" -U postgres "$@"
}
psql_tcp() { # user password database args...: as an application connects
    local user=$1 password=$2 db=$3
    shift 3
    PGPASSWORD=$password PGCONNECT_TIMEOUT=10 "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$PG_PORT" -U "$user" -d "$db" "$@"
}
ledger() { psql_tcp labour_pipeline "$pipeline_pw" labour_pipeline -F '|' "$@"; }

# Runs the launcher with exactly the given env file (plus PATH, HOME, LANG) and records its output.
run_jar() { # name envfile args...
    local name=$1 envfile=$2
    shift 2
    local t0=$SECONDS
    (cd "$W/run" && env -i PATH="$PATH" HOME="$W/home" LANG=C.UTF-8 LABOUR_REPORTING_JAR="$JAR" \
        bash -c 'set -a; . "$1"; set +a; shift; exec "$@"' _ "$envfile" \
        timeout --kill-after=15 "$RUN_TIMEOUT" "$ROOT/bin/labour-reporting" "$@" \
        </dev/null >"$W/logs/run-$name.out" 2>"$W/logs/run-$name.err")
    last_rc=$?
    printf '   ran: labour-reporting %s -> exit %s in %s s\n' "$*" "$last_rc" "$((SECONDS - t0))"
}

upload_listing() { # name size sha256 of every file under the upload folder, temporary ones included
    (cd "$UPLOAD" && find . -mindepth 1 -type f -printf '%P\n' | LC_ALL=C sort | while IFS= read -r f; do
        printf '%s %s %s\n' "$f" "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -d ' ' -f 1)"
    done)
}
upload_names() { (cd "$UPLOAD" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'); }

# Files written on the server since a mark, from the kernel's record of the upload folder
# (inotifywait, running from the start): one line (the file's name) per file written. A file
# written under a temporary name and renamed when complete counts once, under its final name; one
# written and never renamed counts under its own. So a file uploaded twice shows twice, and a run
# that uploads nothing shows nothing. (internal-sftp's own log needs a syslog socket in the chroot.)
upload_mark() { wc -l <"$W/logs/upload-events.log"; }
written_since() { # mark
    tail -n +"$(($1 + 1))" "$W/logs/upload-events.log" | awk '
        $1 ~ /^CLOSE_WRITE/ { w[++nw] = $2; next }
        $1 ~ /^MOVED_FROM/  { moved[$2]++; next }
        $1 ~ /^MOVED_TO/    { out[++no] = $2; next }
        END {
            for (i = 1; i <= nw; i++) if (moved[w[i]]-- <= 0) out[++no] = w[i]
            for (i = 1; i <= no; i++) print out[i]
        }' | LC_ALL=C sort
}
names_line() { tr '\n' ' ' | sed 's/ $//'; }

mail_json() { # address: the messages of that mailbox, as GreenMail's API returns them ([] if none yet)
    local out
    out=$(curl -fsS --max-time 20 "http://127.0.0.1:$API_PORT/api/user/$1/messages/" 2>/dev/null) || out='[]'
    printf '%s' "$out"
}
mail_count() { mail_json "$1" | jq 'length'; }
mail_subjects() { mail_json "$1" | jq -r '.[].subject' | LC_ALL=C sort; }

json_total() { # file: the total row's values in column order
    jq -r '.rows[] | select(.total) | .values | to_entries | sort_by(.key | tonumber) | map(.value | tostring) | join(" ")' "$1"
}

file_base() { printf '%s_%s_V%04d_%s' "$1" "$PERIOD" "$2" "$3"; }
# The ten files of a signed version, in name order: the documents (the form, its JSON, the validation
# report as JSON and as HTML), their signatures, the manifest's.
version_names() { local b; b=$(file_base "$@"); printf '%s ' "$b.json" "$b.json.p7s" "$b.manifest.json" "$b.manifest.json.p7s" "$b.validation.html" "$b.validation.html.p7s" "$b.validation.json" "$b.validation.json.p7s" "$b.xlsx" "$b.xlsx.p7s"; }

# Each delivered file of a version against its detached signature on the server, as anyone would
# check it with stock tools: openssl cms, the test CA the only trust anchor.
verify_signatures() { # form version action
    local base ext problems=()
    base=$(file_base "$@")
    for ext in xlsx json validation.json validation.html manifest.json; do
        if ! (cd "$UPLOAD" && openssl cms -verify -binary -inform DER -in "$base.$ext.p7s" -content "$base.$ext" \
                -CAfile "$W/pki/ca.pem" -purpose any -out /dev/null) >"$W/logs/verify-$base.$ext.log" 2>&1; then
            problems+=("$base.$ext: $(tr '\n' ' ' <"$W/logs/verify-$base.$ext.log")")
        fi
    done
    if [ ${#problems[@]} -gt 0 ]; then note "${problems[@]}"; return 1; fi
}

# The text part of a verified message's content (verify_mails writes it), decoded from base64.
mail_text() { # file
    sed -e 's/\r$//' "$1" | awk '/^Content-Type: text\/plain/ { p = 1 } p == 1 && /^$/ { p = 2; next }
                                   p == 2 && /^--/ { exit } p == 2 { print }' | openssl base64 -d
}

# Every message of a mailbox, as received, against its S/MIME signature (openssl smime, the test CA only).
verify_mails() { # address
    local n i problems=()
    n=$(mail_count "$1")
    [ "$n" -gt 0 ] || { note "no message for $1"; return 1; }
    for i in $(seq 0 $((n - 1))); do
        mail_json "$1" | jq -r ".[$i].mimeMessage" >"$W/logs/mail-$1-$i.eml"
        if ! openssl smime -verify -in "$W/logs/mail-$1-$i.eml" -CAfile "$W/pki/ca.pem" -purpose any \
                -out "$W/logs/mail-$1-$i.txt" >"$W/logs/mail-$1-$i.verify.log" 2>&1; then
            problems+=("message $i to $1: $(tr '\n' ' ' <"$W/logs/mail-$1-$i.verify.log")")
        fi
    done
    if [ ${#problems[@]} -gt 0 ]; then note "${problems[@]}"; return 1; fi
}

# The manifest of FORM version VERSION ACTION on the server against the files next to it, the
# outbox and the ledger. Prints what disagrees; returns non-zero if anything does.
verify_version() { # form version action
    local form=$1 version=$2 action=$3 base problems=()
    base=$(file_base "$form" "$version" "$action")
    local manifest="$UPLOAD/$base.manifest.json"
    if [ ! -f "$manifest" ]; then
        note "$base.manifest.json is not on the server"
        return 1
    fi
    jq -e --arg f "$form" --arg p "$PERIOD" --argjson v "$version" --arg a "$action" \
        '.form == $f and .period == $p and .version == $v and .action == $a' "$manifest" >/dev/null \
        || problems+=("manifest header is not $form $PERIOD $version $action: $(jq -c '{form, period, version, action}' "$manifest")")
    local listed
    listed=$(jq -r '.files[].name' "$manifest" | LC_ALL=C sort | tr '\n' ' ')
    [ "$listed" = "$base.json $base.json.p7s $base.validation.html $base.validation.html.p7s $base.validation.json $base.validation.json.p7s $base.xlsx $base.xlsx.p7s " ] \
        || problems+=("manifest lists [$listed], not the .json, the .validation.json, the .validation.html, the .xlsx and their .p7s")
    jq -e '.signed == true' "$manifest" >/dev/null || problems+=("manifest does not say \"signed\": true")
    local name size sha
    while read -r name size sha; do
        if [ ! -f "$UPLOAD/$name" ]; then problems+=("$name is listed but not on the server"); continue; fi
        [ "$(stat -c %s "$UPLOAD/$name")" = "$size" ] || problems+=("$name: size $(stat -c %s "$UPLOAD/$name"), manifest $size")
        [ "$(sha256sum "$UPLOAD/$name" | cut -d ' ' -f 1)" = "$sha" ] || problems+=("$name: SHA-256 differs from the manifest")
    done < <(jq -r '.files[] | "\(.name) \(.size) \(.sha256)"' "$manifest")
    local ext
    for ext in xlsx json validation.json validation.html manifest.json xlsx.p7s json.p7s validation.json.p7s validation.html.p7s manifest.json.p7s; do
        if ! cmp -s "$UPLOAD/$base.$ext" "$W/outbox/$PERIOD/$base.$ext"; then
            problems+=("$base.$ext on the server differs from the outbox copy")
        fi
    done
    # The ledger's record of the ten files (name, size, SHA-256) is what is on the server.
    local recorded actual
    recorded=$(ledger -c "SELECT f->>'name', f->>'size', f->>'sha256' FROM transmission t, jsonb_array_elements(t.files) f
                          WHERE t.form = '$form' AND t.period = '$PERIOD' AND t.version = $version ORDER BY 1" | tr '|' ' ')
    actual=$(for ext in json json.p7s manifest.json manifest.json.p7s validation.html validation.html.p7s validation.json validation.json.p7s xlsx xlsx.p7s; do
        printf '%s %s %s\n' "$base.$ext" "$(stat -c %s "$UPLOAD/$base.$ext")" "$(sha256sum "$UPLOAD/$base.$ext" | cut -d ' ' -f 1)"
    done | LC_ALL=C sort)
    [ "$(printf '%s\n' "$recorded" | LC_ALL=C sort)" = "$actual" ] || problems+=("the ledger's files differ from the server's: [$recorded]")
    if [ ${#problems[@]} -gt 0 ]; then
        note "${problems[@]}"
        return 1
    fi
}

# ---- receipts by mail: Postfix as the relay, Dovecot as the pipeline's mailbox --------------------
# Postfix (a real MTA, which announces DSN and writes real delivery status notifications) delivers
# into Maildirs under $W/mta/mail with its virtual delivery agent: the pipeline's own mailbox
# (MAIL_FROM), the operators' and one bureau address; any other address of the bureau's domain is
# accepted and then bounced as unknown, so a DSN of failure comes back. Nothing leaves the machine.
# Dovecot serves the same Maildirs over IMAP on loopback. Both run from configuration in $W/mta.
MTA_DOMAIN=inspection.systest.example
MTA_BUREAU_DOMAIN=stat.systest.example
MTA_PIPELINE=labour-reporting@$MTA_DOMAIN
MTA_OPS=ops@$MTA_DOMAIN
MTA_BUREAU=bureau@$MTA_BUREAU_DOMAIN
MTA_UNKNOWN=nobody@$MTA_BUREAU_DOMAIN
MAILBOX_UID=65534

mta_packages() { # adds to the array need what Postfix and Dovecot need
    command -v postfix >/dev/null 2>&1 || [ -x /usr/sbin/postfix ] || need+=(postfix)
    command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
}

start_postfix() {
    local d=$W/mta
    mkdir -p "$d/postfix" "$d/queue" "$d/data" "$d/mail"
    chown "$MAILBOX_UID:$MAILBOX_UID" "$d/mail"
    chown postfix "$d/data"
    cat >"$d/postfix/main.cf" <<CF
compatibility_level = 3.6
meta_directory = /etc/postfix
queue_directory = $d/queue
data_directory = $d/data
myhostname = mail.$MTA_DOMAIN
mydomain = $MTA_DOMAIN
myorigin = \$mydomain
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_reject_unlisted_recipient = no
smtpd_tls_security_level = none
smtp_tls_security_level = none
local_recipient_maps =
alias_maps =
alias_database =
virtual_mailbox_domains = $MTA_DOMAIN $MTA_BUREAU_DOMAIN
virtual_mailbox_base = $d/mail
virtual_mailbox_maps = texthash:$d/postfix/vmailbox
virtual_uid_maps = static:$MAILBOX_UID
virtual_gid_maps = static:$MAILBOX_UID
default_transport = error:nothing leaves the system test
relay_transport = error:nothing leaves the system test
notify_classes =
# every command a client on loopback sends is logged: the DSN parameters on the wire
debug_peer_list = 127.0.0.1
debug_peer_level = 2
maillog_file = $W/logs/postfix.log
biff = no
CF
    printf '%s %s/\n' "$MTA_PIPELINE" "$MTA_PIPELINE" "$MTA_OPS" "$MTA_OPS" "$MTA_BUREAU" "$MTA_BUREAU" >"$d/postfix/vmailbox"
    cat >"$d/postfix/master.cf" <<CF
127.0.0.1:$MTA_PORT inet n - n - - smtpd
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
virtual   unix  - n n - - virtual
smtp      unix  - - n - - smtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CF
    postfix -c "$d/postfix" check >>"$W/logs/postfix-start.log" 2>&1
    postfix -c "$d/postfix" start >>"$W/logs/postfix-start.log" 2>&1 || return 1
    mta_postfix_started=1
}

stop_postfix() {
    [ "${mta_postfix_started:-0}" = 1 ] && postfix -c "$W/mta/postfix" stop >/dev/null 2>&1
}

start_dovecot() {
    local d=$W/mta
    mkdir -p "$d/dovecot"
    (umask 077; printf '%s:{PLAIN}%s\n' "$MTA_PIPELINE" "$imap_pw" >"$d/dovecot/passwd")
    chown dovecot "$d/dovecot/passwd" 2>/dev/null
    cat >"$d/dovecot/dovecot.conf" <<CF
base_dir = $d/dovecot/run
state_dir = $d/dovecot/state
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $W/logs/dovecot.log
first_valid_uid = $MAILBOX_UID
mail_location = maildir:$d/mail/%u
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $d/dovecot/passwd
}
userdb {
  driver = static
  args = uid=$MAILBOX_UID gid=$MAILBOX_UID home=$d/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
CF
    dovecot -c "$d/dovecot/dovecot.conf" -F >>"$W/logs/dovecot-start.log" 2>&1 </dev/null &
    pids+=($!)
}

imap_pw=""
mailbox_files() { # Maildir folder (INBOX or a folder name): its messages, one file name per line
    local base="$W/mta/mail/$MTA_PIPELINE"
    [ "$1" = INBOX ] || base="$base/.$1"
    find "$base/new" "$base/cur" -type f 2>/dev/null
}
receipts_sql() { psql_tcp labour_pipeline "$pipeline_pw" labour_pipeline_receipts -F '|' -c "$1"; }

# The service with the receipts settings, in the background, until stop_receipts_service.
start_receipts_service() {
    # exec all the way down (the launcher execs java), so the process to stop is the JVM itself
    (cd "$W/run" && exec env -i PATH="$PATH" HOME="$W/home" LANG=C.UTF-8 LABOUR_REPORTING_JAR="$JAR" \
        bash -c 'set -a; . "$1"; set +a; exec "$2"' _ "$W/receipts.env" "$ROOT/bin/labour-reporting" \
        </dev/null >"$W/logs/run-receipts-service.out" 2>"$W/logs/run-receipts-service.err") &
    receipts_service_pid=$!
    pids+=("$receipts_service_pid")
}
stop_receipts_service() {
    [ -n "${receipts_service_pid:-}" ] && kill "$receipts_service_pid" 2>/dev/null && wait "$receipts_service_pid" 2>/dev/null
    receipts_service_pid=""
}

# Receipts by mail end to end: both forms e-mailed through Postfix to one bureau address that exists
# and one that does not; Postfix's DSNs (delivered, failed) land in the pipeline's mailbox, which the
# service reads from Dovecot; an acknowledgement file for 2-OZh comes over SFTP.
receipts_by_mail() {
    free_port MTA_PORT && free_port IMAP_PORT && free_port SERVICE_PORT || { fail "receipts: no free loopback ports"; return; }
    imap_pw=$(random_secret)
    secrets+=("$imap_pw")
    if ! start_postfix; then fail "receipts: Postfix starts (logs/postfix-start.log)"; return; fi
    start_dovecot
    wait_until 30 "Postfix" port_in_use "$MTA_PORT" || { fail "receipts: Postfix listens on $MTA_PORT"; return; }
    wait_until 30 "Dovecot" port_in_use "$IMAP_PORT" || { fail "receipts: Dovecot listens on $IMAP_PORT"; return; }
    psql_admin -d postgres -c "CREATE DATABASE labour_pipeline_receipts OWNER labour_pipeline" >/dev/null \
        && psql_admin -d postgres -c "REVOKE ALL ON DATABASE labour_pipeline_receipts FROM PUBLIC" >/dev/null \
        || { fail "receipts: a pipeline database of its own"; return; }
    # a folder of its own on the SFTP server: this database builds its own V0001 of the changed source
    install -d -o "$sftp_user" -g "$sftp_user" -m 0750 "$CHROOT/upload-receipts" "$CHROOT/receipts"
    mkdir -p "$W/outbox-receipts"
    write_env "$W/receipts.env" labour_pipeline_receipts "$W/outbox-receipts" "$W/ssh/known_hosts"
    local vars=(
        SFTP_DIRECTORY=/upload-receipts
        SMTP_PORT="$MTA_PORT" SMTP_USER= SMTP_PASSWORD= SMTP_STARTTLS=false
        MAIL_FROM="$MTA_PIPELINE" MAIL_TO="$MTA_BUREAU,$MTA_UNKNOWN" OPS_MAIL_TO="$MTA_OPS"
        RECEIPTS_IMAP_HOST=127.0.0.1 RECEIPTS_IMAP_PORT="$IMAP_PORT" RECEIPTS_IMAP_USER="$MTA_PIPELINE"
        RECEIPTS_IMAP_PASSWORD="$imap_pw" RECEIPTS_IMAP_SECURITY=none RECEIPTS_IMAP_POLLDELAY=1000
        RECEIPTS_SFTP_DIRECTORY=/receipts
        RECEIPTS_SFTP_POLLDELAY=1000
        # the service without its start-up catch-up: it would transmit the month before today
        SERVER_PORT="$SERVICE_PORT" REPORTING_SCHEDULE_CATCHUPATSTARTUP=false
    )
    local v
    (umask 077; for v in "${vars[@]}"; do printf '%s=%q\n' "${v%%=*}" "${v#*=}"; done >>"$W/receipts.env")

    run_jar receipts-transmit "$W/receipts.env" transmit --period "$PERIOD" --as-of "$AS_OF"
    check_eq "receipts: transmit through Postfix, exit code 0 (delivered)" 0 "$last_rc"
    local form key
    for form in 1-MEIZhM 2-OZh; do
        key="$form.$PERIOD.V0001.delivery1"
        check_true "receipts: on the wire to Postfix, $form asks for a DSN: MAIL FROM with RET=HDRS ENVID=$key" \
            grep -Fq "MAIL FROM:<$MTA_PIPELINE> RET=HDRS ENVID=$key" "$W/logs/postfix.log"
    done
    check_true "receipts: each RCPT TO asks NOTIFY=SUCCESS,FAILURE with its ORCPT" bash -c \
        'grep -Fq "RCPT TO:<$1> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;$1" "$3" && grep -Fq "RCPT TO:<$2> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;$2" "$3"' \
        _ "$MTA_BUREAU" "$MTA_UNKNOWN" "$W/logs/postfix.log"
    check_true "receipts: the bureau's copy asks for a disposition notification to MAIL_FROM" bash -c \
        'grep -l "^Disposition-Notification-To: $1" $(find "$2" -type f) >/dev/null' _ "$MTA_PIPELINE" "$W/mta/mail/$MTA_BUREAU"
    wait_until 60 "Postfix's four DSNs in the pipeline's mailbox" bash -c '[ "$(find "$1/new" "$1/cur" -type f | wc -l)" -ge 4 ]' \
        _ "$W/mta/mail/$MTA_PIPELINE" || fail "receipts: Postfix wrote four DSNs (delivered and failed, two forms)"

    # the bureau's acknowledgement of 2-OZh V0001 N: ACCEPTED, for the manifest as delivered
    local stem manifest_sha
    stem=$(file_base 2-OZh 1 N)
    manifest_sha=$(sha256sum "$CHROOT/upload-receipts/$stem.manifest.json" 2>/dev/null | cut -d ' ' -f 1)
    jq -n --arg f "$stem" --arg s "$manifest_sha" '{file: $f, manifestSha256: $s, status: "ACCEPTED",
        receiptId: "NSB-2025-000123", receivedAt: "2025-07-01T09:12:44+05:00", messages: []}' >"$W/ack.json"
    install -o "$sftp_user" -g "$sftp_user" -m 0640 "$W/ack.json" "$CHROOT/receipts/$stem.ack.json"

    start_receipts_service
    wait_until 120 "the DSNs and the acknowledgement recorded" bash -c \
        '[ "$(psql_tcp labour_pipeline "$1" labour_pipeline_receipts -c "SELECT count(*) FROM receipt WHERE kind = '"'DSN'"'")" -ge 4 ] &&
         [ "$(psql_tcp labour_pipeline "$1" labour_pipeline_receipts -c "SELECT count(*) FROM receipt WHERE kind = '"'ACK'"'")" -ge 1 ]' \
        _ "$pipeline_pw" >/dev/null 2>&1
    wait_until 30 "the pipeline's inbox emptied" bash -c '[ -z "$(find "$1/new" "$1/cur" -type f)" ]' _ "$W/mta/mail/$MTA_PIPELINE"
    stop_receipts_service

    check_true "receipts: the service said it reads the mailbox" \
        grep -q "receipts by mail: reading INBOX of $MTA_PIPELINE@127.0.0.1:$IMAP_PORT (none)" "$W/logs/run-receipts-service.out"
    check_eq "receipts: a DSN per form and recipient, DELIVERED for the bureau, FAILED for the unknown address" \
        "1-MEIZhM|$MTA_UNKNOWN|failed|MATCHED 1-MEIZhM|$MTA_BUREAU|delivered|MATCHED 2-OZh|$MTA_UNKNOWN|failed|MATCHED 2-OZh|$MTA_BUREAU|delivered|MATCHED" \
        "$(receipts_sql "SELECT t.form, r.recipient, r.status, r.outcome FROM receipt r JOIN transmission t ON t.id = r.transmission_id
                         WHERE r.kind = 'DSN' ORDER BY t.form, r.recipient DESC" 2>&1 | names_line)"
    check_eq "receipts: each mail recipient's state in the ledger" \
        "1-MEIZhM|$MTA_BUREAU|DELIVERED 1-MEIZhM|$MTA_UNKNOWN|FAILED 2-OZh|$MTA_BUREAU|DELIVERED 2-OZh|$MTA_UNKNOWN|FAILED" \
        "$(receipts_sql "SELECT t.form, m.recipient, m.status FROM mail_recipient m JOIN transmission t ON t.id = m.transmission_id
                         ORDER BY t.form, m.recipient" 2>&1 | names_line)"
    check_true "receipts: one alert per form for the failed address, sent to OPS_MAIL_TO" bash -c \
        '[ "$(grep -c "alert sent to $1: .*e-mail to $2 failed" "$3")" = 2 ]' _ "$MTA_OPS" "$MTA_UNKNOWN" "$W/logs/run-receipts-service.out"
    check_true "receipts: the alerts reached the operators' mailbox through Postfix" bash -c \
        '[ "$(find "$1/new" "$1/cur" -type f 2>/dev/null | wc -l)" -ge 2 ]' _ "$W/mta/mail/$MTA_OPS"
    check_eq "receipts: every DSN moved from INBOX to Processed, none to Failed" "0 4 0" \
        "$(mailbox_files INBOX | wc -l) $(mailbox_files Processed | wc -l) $(mailbox_files Failed | wc -l)"
    check_eq "receipts: the acknowledgement file ACCEPTED 2-OZh V0001" "ACCEPTED" \
        "$(receipts_sql "SELECT bureau_status FROM transmission WHERE form = '2-OZh' AND period = '$PERIOD'" 2>&1)"
    run_jar receipts-status "$W/receipts.env" status
    check_true "receipts: status shows 2-OZh V0001 ACCEPTED in its BUREAU column" \
        grep -Eq "^2-OZh +$PERIOD +V0001 .*ACCEPTED" "$W/logs/run-receipts-status.out"
    stop_postfix
}

# ==== set-up ======================================================================================

phase "set-up"
[ "$(id -u)" -eq 0 ] || die "run as root: sshd's chroot and the postgres user need it"
[ -f "$ROOT/docker/postgres/10-labour.sh" ] || die "run from a checkout: $ROOT/docker/postgres/10-labour.sh is missing"

# Work folder under /var/lib, not /tmp: sshd refuses a chroot or key file below a world-writable
# directory, and every component of the path must be root's.
W=$(mktemp -d /var/lib/labour-systest.XXXXXX) || die "cannot make a work folder in /var/lib"
chmod 0755 "$W"
mkdir -p "$W/logs" "$W/run" "$W/home" "$W/outbox" "$W/outbox-hostkey" "$W/ssh" "$W/greenmail" "$W/pg"
echo "work folder $W"

need=()
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v inotifywait >/dev/null 2>&1 || need+=(inotify-tools)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# printing the delivered forms: LibreOffice headless, poppler's pdfinfo, and Liberation Serif 2 (Times New
# Roman's metrics, with the Kazakh letters) for the font the forms are laid out in
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    PGBIN=/usr/lib/postgresql/15/bin
elif command -v initdb >/dev/null 2>&1 && initdb --version | grep -q ' 15\.'; then
    PGBIN=$(dirname "$(command -v initdb)")
else
    need+=(postgresql-15)
    PGBIN=/usr/lib/postgresql/15/bin
fi
mta_packages
if [ ${#need[@]} -gt 0 ]; then
    install_packages "${need[@]}" || die "could not install ${need[*]} (see logs/apt.log)"
fi
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$PGBIN/psql" ] || die "no psql in $PGBIN"
id postgres >/dev/null 2>&1 || die "no postgres user (the postgresql-15 package makes it)"
echo "PostgreSQL: $("$PGBIN/postgres" --version); $("$SSHD" -V 2>&1 | head -n 1)"

# The jar: built if missing or older than the sources it comes from.
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/config" "$ROOT/routes" -newer "$JAR" -type f -print -quit 2>/dev/null)" ]; then
    if [ -n "${LABOUR_REPORTING_JAR:-}" ]; then die "$JAR is missing"; fi
    echo "building $JAR"
    (cd "$ROOT" && mvn -B -ntp -q -o -Dmaven.test.skip=true package >"$W/logs/build.log" 2>&1 \
        || mvn -B -ntp -q -Dmaven.test.skip=true package >>"$W/logs/build.log" 2>&1) || die "mvn package failed (logs/build.log)"
fi
[ -f "$JAR" ] || die "no jar at $JAR"

free_port PG_PORT && free_port SSH_PORT && free_port SMTP_PORT && free_port API_PORT && free_port UNUSED_PORT \
    || die "no free loopback ports"
echo "ports: postgres $PG_PORT, sshd $SSH_PORT, smtp $SMTP_PORT, greenmail api $API_PORT"

admin_pw=$(random_secret)
reader_pw=$(random_secret)
pipeline_pw=$(random_secret)
sftp_passphrase=$(random_secret)
smtp_pw=$(random_secret)
p12_pw=$(random_secret)
secrets=("$admin_pw" "$reader_pw" "$pipeline_pw" "$sftp_passphrase" "$smtp_pw" "$p12_pw")

# ---- the organisation's signing key, under a test CA -------------------------------------------
phase "signing key"
mkdir -p "$W/pki" && chmod 0700 "$W/pki"
ORG_BIN_VALUE=050340009875
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/pki/ca.key" -out "$W/pki/ca.pem" -days 3650 -sha256 \
    -subj "/C=KZ/O=Systest PKI/CN=Systest CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" >"$W/logs/pki.log" 2>&1 || die "cannot make the test CA (logs/pki.log)"
# The НУЦ РК layout: the person in CN and SERIALNUMBER=IIN..., the organisation in O and OU=BIN...
openssl req -new -newkey rsa:2048 -nodes -keyout "$W/pki/org.key" -out "$W/pki/org.csr" -utf8 \
    -subj "/C=KZ/O=Системалық тест инспекциясы/OU=BIN$ORG_BIN_VALUE/CN=ТЕСТОВ ТЕСТ/serialNumber=IIN880101300123" \
    >>"$W/logs/pki.log" 2>&1 || die "cannot make the organisation's key (logs/pki.log)"
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' >"$W/pki/org.ext"
openssl x509 -req -in "$W/pki/org.csr" -CA "$W/pki/ca.pem" -CAkey "$W/pki/ca.key" -CAcreateserial -days 365 -sha256 \
    -extfile "$W/pki/org.ext" -out "$W/pki/org.pem" >>"$W/logs/pki.log" 2>&1 || die "cannot certify the organisation's key (logs/pki.log)"
P12_PW=$p12_pw openssl pkcs12 -export -inkey "$W/pki/org.key" -in "$W/pki/org.pem" -certfile "$W/pki/ca.pem" \
    -name organisation -out "$W/pki/organisation.p12" -passout env:P12_PW >>"$W/logs/pki.log" 2>&1 \
    || die "cannot write the PKCS#12 store (logs/pki.log)"
rm -f "$W/pki/ca.key" "$W/pki/org.key"

# ---- PostgreSQL 15 -----------------------------------------------------------------------------
phase "postgresql"
mkdir -p "$W/pg/data" "$W/pg/sock"
chown postgres: "$W/pg/data" "$W/pg/sock"
touch "$W/logs/postgres.log" && chown postgres: "$W/logs/postgres.log"
# Local (socket) logins are trusted: only root and postgres can reach the socket folder. TCP
# logins, the application's, need a password (SCRAM).
runuser -u postgres -- "$PGBIN/initdb" -D "$W/pg/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$W/logs/initdb.log" 2>&1 || die "initdb failed (logs/initdb.log)"
chmod 0700 "$W/pg/sock"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -l "$W/logs/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $W/pg/sock -c listen_addresses=127.0.0.1 -c log_connections=on -c log_line_prefix='%m [%p] %r '" \
    start >/dev/null || die "PostgreSQL did not start (logs/postgres.log)"
pg_started=1

# The same script compose runs in the postgres container, here without demo data.
PATH="$PGBIN:$PATH" PGHOST="$W/pg/sock" PGPORT="$PG_PORT" POSTGRES_USER=postgres \
    LABOUR_SQL_DIR="$ROOT/src/main/resources/db" LABOUR_DEMO_MONTHS=0 \
    LABOUR_SOURCE_ADMIN_PASSWORD="$admin_pw" LABOUR_SOURCE_READER_PASSWORD="$reader_pw" \
    LABOUR_PIPELINE_PASSWORD="$pipeline_pw" \
    bash "$ROOT/docker/postgres/10-labour.sh" >"$W/logs/postgres-init.log" 2>&1 \
    || die "docker/postgres/10-labour.sh failed (logs/postgres-init.log)"
{ echo "SET ROLE labour_source_admin;"; cat "$ROOT/src/test/resources/fixtures/june-2025.sql"; } \
    | psql_admin -d labour_source >>"$W/logs/postgres-init.log" 2>&1 || die "loading the fixture failed"
# A second ledger, for the host-key refusals at the end, so they cannot disturb the main one.
psql_admin -d postgres -c "CREATE DATABASE labour_pipeline_hostkey OWNER labour_pipeline" >/dev/null \
    || die "cannot create the second pipeline database"
psql_admin -d postgres -c "REVOKE ALL ON DATABASE labour_pipeline_hostkey FROM PUBLIC" >/dev/null

check_eq "source: the SELECT-only role reads the contract relations" "6" \
    "$(psql_tcp labour_reader "$reader_pw" labour_source -c 'SELECT count(*) FROM accident' 2>&1)"
if psql_tcp labour_reader "$reader_pw" labour_source \
    -c "INSERT INTO accident (id, recorded_at, region_kato, occurred_on) VALUES (99, now(), '350000000', '2025-06-01')" \
    >"$W/logs/reader-write.log" 2>&1; then
    fail "source: the reader role cannot write"
else
    check_true "source: the reader role cannot write (permission denied)" grep -q "permission denied" "$W/logs/reader-write.log"
fi
if psql_tcp labour_reader "$reader_pw" labour_pipeline -c 'SELECT 1' >/dev/null 2>&1; then
    fail "source: the reader role cannot connect to the pipeline database"
else
    pass "source: the reader role cannot connect to the pipeline database"
fi

# ---- OpenSSH -----------------------------------------------------------------------------------
phase "sshd"
sftp_user="lrsys$(openssl rand -hex 3)"
useradd --system --user-group --home-dir / --no-create-home --shell /usr/sbin/nologin --password '*' "$sftp_user" \
    || die "useradd $sftp_user failed"
CHROOT="$W/sftp"
UPLOAD="$CHROOT/upload"
install -d -o root -g root -m 0755 "$CHROOT"
install -d -o "$sftp_user" -g "$sftp_user" -m 0750 "$UPLOAD"
install -d -o root -g root -m 0755 "$W/ssh/authorized_keys"
mkdir -p /run/sshd && chmod 0755 /run/sshd

ssh-keygen -q -t ed25519 -N '' -C "systest sftp host key" -f "$W/ssh/host_ed25519" || die "ssh-keygen host key"
ssh-keygen -q -t ed25519 -N "$sftp_passphrase" -C "labour-reporting systest" -f "$W/ssh/client_ed25519" || die "ssh-keygen client key"
ssh-keygen -q -t ed25519 -N '' -C "some other server" -f "$W/ssh/other_ed25519" || die "ssh-keygen other key"
printf 'restrict %s\n' "$(cat "$W/ssh/client_ed25519.pub")" >"$W/ssh/authorized_keys/$sftp_user"
chmod 0644 "$W/ssh/authorized_keys/$sftp_user"
host_key=$(cut -d ' ' -f 1,2 "$W/ssh/host_ed25519.pub")
other_key=$(cut -d ' ' -f 1,2 "$W/ssh/other_ed25519.pub")
# The pin, and two files that lack it: the server unknown (only another host listed), and the
# server's key changed (this host and port listed with another key).
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$host_key" >"$W/ssh/known_hosts"
printf '[127.0.0.1]:%s %s\n' "$UNUSED_PORT" "$other_key" >"$W/ssh/known_hosts.unknown"
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$other_key" >"$W/ssh/known_hosts.changed"

cat >"$W/ssh/sshd_config" <<EOF
# labour-reporting system test: SFTP only, keys only, one chrooted user.
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $W/ssh/host_ed25519
PidFile $W/ssh/sshd.pid
AuthorizedKeysFile $W/ssh/authorized_keys/%u
StrictModes yes
PubkeyAuthentication yes
AuthenticationMethods publickey
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
AllowUsers $sftp_user
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTTY no
PrintMotd no
LogLevel VERBOSE
Subsystem sftp internal-sftp -l INFO
Match User $sftp_user
    ChrootDirectory $CHROOT
    ForceCommand internal-sftp -l INFO
EOF
"$SSHD" -t -f "$W/ssh/sshd_config" 2>"$W/logs/sshd-config.log" || die "sshd rejects its config (logs/sshd-config.log)"
: >"$W/logs/sshd.log"
"$SSHD" -D -f "$W/ssh/sshd_config" -E "$W/logs/sshd.log" &
pids+=($!)
# Every file written into the upload folder, as the kernel sees it (see written_since).
inotifywait -m -e close_write -e moved_from -e moved_to --format '%e %f' "$UPLOAD" \
    >"$W/logs/upload-events.log" 2>"$W/logs/inotifywait.log" &
pids+=($!)
wait_until 20 "inotifywait" grep -q "Watches established" "$W/logs/inotifywait.log" \
    || die "inotifywait did not start (logs/inotifywait.log)"
wait_until 20 "sshd on $SSH_PORT" timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$SSH_PORT && head -c 4 <&3 | grep -q SSH-" \
    || die "sshd did not start (logs/sshd.log)"

# The server as the bureau's would be: a plain sftp client with the key and the pin gets in.
cp "$W/ssh/client_ed25519" "$W/ssh/client_plain" && chmod 600 "$W/ssh/client_plain"
ssh-keygen -q -p -P "$sftp_passphrase" -N '' -f "$W/ssh/client_plain" >/dev/null || die "cannot decrypt the client key copy"
ssh_opts=(-o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$W/ssh/known_hosts"
          -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=10 -P "$SSH_PORT")
if printf 'ls /\n' | timeout 30 sftp "${ssh_opts[@]}" -i "$W/ssh/client_plain" -b - "$sftp_user@127.0.0.1" >"$W/logs/sftp-client.log" 2>&1 \
    && grep -q upload "$W/logs/sftp-client.log"; then
    pass "sftp server: the key and the pinned host key let an SFTP client in, chrooted (sees /upload)"
else
    fail "sftp server: the key and the pinned host key let an SFTP client in, chrooted (sees /upload)"
fi
timeout 30 ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$W/ssh/known_hosts" \
    -o GlobalKnownHostsFile=/dev/null -o PubkeyAuthentication=no -o PreferredAuthentications=password,keyboard-interactive \
    -p "$SSH_PORT" "$sftp_user@127.0.0.1" true >"$W/logs/ssh-password.log" 2>&1
check_true "sftp server: offers public-key authentication only" grep -q 'Permission denied (publickey)' "$W/logs/ssh-password.log"
rm -f "$W/ssh/client_plain"

# ---- GreenMail ---------------------------------------------------------------------------------
phase "greenmail"
gm_jar="$W/greenmail/greenmail-standalone-$GREENMAIL_VERSION.jar"
(cd "$W/greenmail" && { mvn -B -ntp -q -o dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
        -DoutputDirectory="$W/greenmail" >"$W/logs/greenmail-fetch.log" 2>&1 \
    || mvn -B -ntp -q dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
        -DoutputDirectory="$W/greenmail" >>"$W/logs/greenmail-fetch.log" 2>&1; })
[ -f "$gm_jar" ] || die "could not fetch greenmail-standalone $GREENMAIL_VERSION (logs/greenmail-fetch.log)"
(cd "$W/greenmail" && exec java -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$API_PORT" -jar "$gm_jar" \
    >"$W/logs/greenmail.log" 2>&1 </dev/null) &
pids+=($!)
wait_until 60 "GreenMail" curl -fsS --max-time 5 "http://127.0.0.1:$API_PORT/api/service/readiness" \
    || die "GreenMail did not start (logs/greenmail.log)"
# The relay login the pipeline uses (SMTP AUTH); given over the API so it is on no command line.
smtp_user="pipeline@systest.example"
umask_saved=$(umask); umask 077
jq -n --arg e "$smtp_user" --arg p "$smtp_pw" '{email: $e, login: $e, password: $p}' >"$W/greenmail/user.json"
umask "$umask_saved"
curl -fsS --max-time 20 -H 'Content-Type: application/json' --data @"$W/greenmail/user.json" \
    "http://127.0.0.1:$API_PORT/api/user" >/dev/null || die "cannot create the GreenMail login"

# ---- the operator's environment: docs/interfaces.md's variables and nothing else -------------------
write_env() { # file pipeline-db outbox known-hosts [key-store password]
    local vars=(
        SOURCE_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/labour_source"
        SOURCE_DB_USER=labour_reader
        SOURCE_DB_PASSWORD="$reader_pw"
        SOURCE_DB_SCHEMA=public
        PIPELINE_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$2"
        PIPELINE_DB_USER=labour_pipeline
        PIPELINE_DB_PASSWORD="$pipeline_pw"
        SFTP_HOST=127.0.0.1
        SFTP_PORT="$SSH_PORT"
        SFTP_USER="$sftp_user"
        SFTP_PRIVATE_KEY_FILE="$W/ssh/client_ed25519"
        SFTP_PRIVATE_KEY_PASSPHRASE="$sftp_passphrase"
        SFTP_KNOWN_HOSTS_FILE="$4"
        SFTP_DIRECTORY=/upload
        SMTP_HOST=127.0.0.1
        SMTP_PORT="$SMTP_PORT"
        SMTP_USER="$smtp_user"
        SMTP_PASSWORD="$smtp_pw"
        SMTP_STARTTLS=false
        MAIL_FROM=labour-reporting@inspection.systest.example
        MAIL_TO="$(IFS=,; echo "${MAIL_TO_ADDRESSES[*]}")"
        OPS_MAIL_TO=ops@inspection.systest.example
        REPORTING_ZONE=Asia/Almaty
        REPORTING_ACCUMULATION=MONTH
        REPORTING_EARLIEST_PERIOD=2016-01
        OUTBOX_DIR="$3"
        ORG_BIN="$ORG_BIN_VALUE"
        ORG_NAME="Қарағанды облысы бойынша Мемлекеттік еңбек инспекциясы департаменті"
        ORG_ADDRESS="Қарағанды қ., Бұқар жырау даңғылы, 47"
        ORG_PHONE="+7 7212 41 20 35"
        ORG_EMAIL=karaganda@enbek.gov.kz
        ORG_EXECUTOR="Сейітова Айгүл Болатқызы"
        ORG_HEAD="Омаров Нұрлан Қайратұлы"
        SIGNING_KEYSTORE_FILE="$W/pki/organisation.p12"
        SIGNING_KEYSTORE_PASSWORD="${5:-$p12_pw}"
    )
    local v
    (umask 077; for v in "${vars[@]}"; do printf '%s=%q\n' "${v%%=*}" "${v#*=}"; done >"$1")
}
write_env "$W/pipeline.env" labour_pipeline "$W/outbox" "$W/ssh/known_hosts"
write_env "$W/unknown-host.env" labour_pipeline_hostkey "$W/outbox-hostkey" "$W/ssh/known_hosts.unknown"
write_env "$W/changed-host.env" labour_pipeline_hostkey "$W/outbox-hostkey" "$W/ssh/known_hosts.changed"
wrong_p12_pw=$(random_secret)
secrets+=("$wrong_p12_pw")
write_env "$W/wrong-password.env" labour_pipeline "$W/outbox" "$W/ssh/known_hosts" "$wrong_p12_pw"

pg_mark=$(wc -l <"$W/logs/postgres.log")

# ==== 1. first transmission: both forms, version 1 ================================================
phase "transmit"
mark=$(upload_mark)
run_jar transmit-1 "$W/pipeline.env" transmit --period "$PERIOD" --as-of "$AS_OF"
check_eq "transmit: exit code 0 (delivered)" 0 "$last_rc"

m1=$(file_base 1-MEIZhM 1 N)
o1=$(file_base 2-OZh 1 N)
check_eq "transmit: the server holds exactly the twenty files of V0001 N (ten signed), no temporary file left" \
    "$(version_names 1-MEIZhM 1 N)$(version_names 2-OZh 1 N | sed 's/ $//')" "$(upload_names)"
check_true "transmit: 1-MEIZhM V0001 files match their manifest, the outbox and the ledger" verify_version 1-MEIZhM 1 N
check_true "transmit: 2-OZh V0001 files match their manifest, the outbox and the ledger" verify_version 2-OZh 1 N
check_eq "transmit: each of the twenty files was written on the server once, nothing else" \
    "$(version_names 1-MEIZhM 1 N)$(version_names 2-OZh 1 N | sed 's/ $//')" "$(written_since "$mark" | names_line)"
check_true "transmit: openssl cms verifies 1-MEIZhM V0001's .xlsx, .json, validation reports and manifest against the test CA" verify_signatures 1-MEIZhM 1 N
check_true "transmit: openssl cms verifies 2-OZh V0001's .xlsx, .json, validation reports and manifest against the test CA" verify_signatures 2-OZh 1 N
check_true "transmit: the run names the signing certificate" grep -q "signed with .*OU=BIN$ORG_BIN_VALUE" "$W/logs/run-transmit-1.out"
if [ -f "$UPLOAD/$m1.json" ]; then
    check_eq "transmit: 1-MEIZhM totals row as worked out by hand" "$EXPECT_MEIZHM_TOTAL" "$(json_total "$UPLOAD/$m1.json")"
else
    fail "transmit: 1-MEIZhM totals row as worked out by hand (no $m1.json)"
fi
if [ -f "$UPLOAD/$o1.json" ]; then
    check_eq "transmit: 2-OZh totals row as worked out by hand" "$EXPECT_OZH_TOTAL" "$(json_total "$UPLOAD/$o1.json")"
else
    fail "transmit: 2-OZh totals row as worked out by hand (no $o1.json)"
fi
for addr in "${MAIL_TO_ADDRESSES[@]}"; do
    check_eq "mail: $addr received one message per form" 2 "$(mail_count "$addr")"
done
subjects=$(mail_subjects "${MAIL_TO_ADDRESSES[0]}")
check_true "mail: subjects name 1-МЕИЖМ and 2-ӨЖ, «2025 жылғы маусым» and V0001 [$(echo "$subjects" | tr '\n' ';')]" \
    bash -c '[ "$(grep -c "2025 жылғы маусым.*V0001" <<<"$1")" = 2 ] && grep -q "1-МЕИЖМ" <<<"$1" && grep -q "2-ӨЖ" <<<"$1"' _ "$subjects"
raw=$(mail_json "${MAIL_TO_ADDRESSES[0]}" | jq -r '.[].mimeMessage')
check_true "mail: every message is S/MIME signed (multipart/signed) and openssl smime verifies it against the test CA" \
    bash -c '[ "$(grep -c "Content-Type: multipart/signed" <<<"$1")" = 2 ]' _ "$raw"
check_true "mail: openssl smime -verify accepts both messages as received" verify_mails "${MAIL_TO_ADDRESSES[0]}"
mail_text "$W/logs/mail-${MAIL_TO_ADDRESSES[0]}-0.txt" >"$W/logs/mail-text-0.txt" 2>/dev/null
check_true "mail: the signed text names the sender, its BIN and executor in Kazakh and Russian" \
    bash -c 'grep -q "Жіберуші: Қарағанды облысы бойынша Мемлекеттік еңбек инспекциясы департаменті, БСН 050340009875" "$1" && grep -q "Исполнитель: Сейітова Айгүл Болатқызы, тел. +7 7212 41 20 35, karaganda@enbek.gov.kz" "$1"' \
    _ "$W/logs/mail-text-0.txt"
check_true "mail: the .xlsx, .json and validation reports (.json, .html) of both forms are attached under their file names" \
    env RAW="$raw" bash -c 'for n in "$@"; do grep -qF "$n" <<<"$RAW" || exit 1; done' _ "$m1.xlsx" "$m1.json" "$o1.xlsx" "$o1.json" \
    "$m1.validation.json" "$m1.validation.html" "$o1.validation.json" "$o1.validation.html"
check_eq "ledger: both forms V0001 N DELIVERED, SFTP and MAIL done, delivered once" \
    "1-MEIZhM|1|N|DELIVERED|DONE|DONE|1 2-OZh|1|N|DELIVERED|DONE|DONE|1" \
    "$(ledger -c "SELECT form, version, action, status, sftp_status, mail_status, deliveries FROM transmission
                  WHERE period = '$PERIOD' ORDER BY form, version" | tr '\n' ' ' | sed 's/ $//')"

# ==== 1a. the delivered forms, printed as a clerk prints them =====================================
phase "print"
mkdir -p "$W/print"
if [ -f "$UPLOAD/$m1.xlsx" ] && [ -f "$UPLOAD/$o1.xlsx" ]; then
    cp "$UPLOAD/$m1.xlsx" "$UPLOAD/$o1.xlsx" "$W/print/"
    (cd "$W/print" && HOME="$W/home" timeout 300 soffice -env:UserInstallation="file://$W/print/profile" --headless \
        --convert-to pdf "$m1.xlsx" "$o1.xlsx" >"$W/logs/soffice.log" 2>&1)
    for base in "$m1" "$o1"; do
        info=$(pdfinfo "$W/print/$base.pdf" 2>&1)
        pages=$(sed -n 's/^Pages: *//p' <<<"$info")
        check_true "print: $base.xlsx prints on at most two pages (LibreOffice: ${pages:-no PDF})" \
            bash -c '[ -n "$1" ] && [ "$1" -ge 1 ] && [ "$1" -le 2 ]' _ "$pages"
        check_true "print: $base.xlsx prints on A4 landscape [$(sed -n 's/^Page size: *//p' <<<"$info")]" \
            bash -c 'grep -Eq "^Page size: +841\.[0-9]+ x 595\.[0-9]+ pts \(A4\)" <<<"$1"' _ "$info"
    done
else
    fail "print: the delivered .xlsx of both forms are on the server"
fi

# ==== 2. the same again: nothing to do ===========================================================
phase "transmit again"
listing_before=$(upload_listing)
mails_before=$(mail_count "${MAIL_TO_ADDRESSES[0]}")
mark=$(upload_mark)
run_jar transmit-2 "$W/pipeline.env" transmit --period "$PERIOD" --as-of "$AS_OF"
check_eq "transmit again: exit code 0 (already delivered)" 0 "$last_rc"
check_true "transmit again: says both forms were already delivered" \
    bash -c 'grep -Eq "^1-MEIZhM +'"$PERIOD"' +V0001 N +ALREADY_DELIVERED" "$1" && grep -Eq "^2-OZh +'"$PERIOD"' +V0001 N +ALREADY_DELIVERED" "$1"' _ "$W/logs/run-transmit-2.out"
check_eq "transmit again: no file written on the server" "" "$(written_since "$mark" | names_line)"
check_eq "transmit again: the server's files are unchanged" "$listing_before" "$(upload_listing)"
check_eq "transmit again: no new message" "$mails_before" "$(mail_count "${MAIL_TO_ADDRESSES[0]}")"
check_eq "transmit again: no new version in the ledger" "2" "$(ledger -c "SELECT count(*) FROM transmission WHERE period = '$PERIOD'")"

# ==== 3. a correction in the source, then --force ================================================
phase "transmit --force"
psql_admin -d labour_source -c "SET ROLE labour_source_admin; UPDATE accident_victim SET severity = 'FATAL' WHERE id = 4" >/dev/null \
    || die "cannot change the source data"
v1_listing=$(upload_listing)
mark=$(upload_mark)
run_jar transmit-force "$W/pipeline.env" transmit --period "$PERIOD" --as-of "$AS_OF" --force
check_eq "transmit --force: exit code 0" 0 "$last_rc"
o2=$(file_base 2-OZh 2 R)
check_eq "transmit --force: the server gains exactly the ten files of 2-OZh V0002 R" \
    "$(version_names 1-MEIZhM 1 N)$(version_names 2-OZh 1 N)$(version_names 2-OZh 2 R | sed 's/ $//')" "$(upload_names)"
check_true "transmit --force: 2-OZh V0002 R files match their manifest, the outbox and the ledger" verify_version 2-OZh 2 R
check_eq "transmit --force: written on the server once each: the ten files of 2-OZh V0002, nothing else" \
    "$(version_names 2-OZh 2 R | sed 's/ $//')" "$(written_since "$mark" | names_line)"
check_true "transmit --force: openssl cms verifies the new version's signatures against the test CA" verify_signatures 2-OZh 2 R
check_eq "transmit --force: the V0001 files on the server are untouched" "$v1_listing" \
    "$(upload_listing | grep -v "_V0002_")"
if [ -f "$UPLOAD/$o2.json" ]; then
    check_eq "transmit --force: 2-OZh V0002 totals carry the correction" "$EXPECT_OZH_TOTAL_CHANGED" "$(json_total "$UPLOAD/$o2.json")"
else
    fail "transmit --force: 2-OZh V0002 totals carry the correction (no $o2.json)"
fi
check_true "transmit --force: 1-MEIZhM reported unchanged, nothing sent" \
    grep -Eq "^1-MEIZhM +$PERIOD +V0001 N +UNCHANGED" "$W/logs/run-transmit-force.out"
for addr in "${MAIL_TO_ADDRESSES[@]}"; do
    check_eq "mail: $addr received one more message" 3 "$(mail_count "$addr")"
done
check_true "mail: the new message is 2-ӨЖ V0002" \
    bash -c '[ "$(grep -c "V0002" <<<"$1")" = 1 ] && grep "V0002" <<<"$1" | grep -q "2-ӨЖ"' _ "$(mail_subjects "${MAIL_TO_ADDRESSES[0]}")"
check_eq "ledger: 2-OZh V0002 R DELIVERED; 1-MEIZhM still only V0001" \
    "1-MEIZhM|1|N|DELIVERED 2-OZh|1|N|DELIVERED 2-OZh|2|R|DELIVERED" \
    "$(ledger -c "SELECT form, version, action, status FROM transmission WHERE period = '$PERIOD' ORDER BY form, version" | tr '\n' ' ' | sed 's/ $//')"

# ==== 4. status ===================================================================================
# ==== one SSH login per version: every version uploaded so far (V0001 of both forms, 2-OZh V0002)
# was sent in one session, its check, uploads and renames; sshd logs each accepted login
ssh_logins_per_version() {
    phase "ssh logins"
    local versions logins
    versions=$(ledger -c "SELECT count(*) FROM transmission WHERE period = '$PERIOD' AND sftp_status = 'DONE'")
    # less the one login of the set-up's check with a plain sftp client
    logins=$(( $(grep -c "Accepted publickey for " "$W/logs/sshd.log") - 1 ))
    check_eq "sftp: one SSH login per version uploaded ($versions versions; sshd's log)" "$versions" "$logins"
}
ssh_logins_per_version

phase "status"
run_jar status "$W/pipeline.env" status
check_eq "status: exit code 0" 0 "$last_rc"
check_true "status: lists the three versions as delivered over both channels" bash -c '
    grep -Eq "^1-MEIZhM +'"$PERIOD"' +V0001 +N +DELIVERED +DONE +DONE" "$1" &&
    grep -Eq "^2-OZh +'"$PERIOD"' +V0001 +N +DELIVERED +DONE +DONE" "$1" &&
    grep -Eq "^2-OZh +'"$PERIOD"' +V0002 +R +DELIVERED +DONE +DONE" "$1"' _ "$W/logs/run-status.out"

# ==== 5. a key store that cannot be opened =========================================================
phase "signing key refused"
listing_before=$(upload_listing)
mails_before=$(mail_count "${MAIL_TO_ADDRESSES[0]}")
versions_before=$(ledger -c "SELECT count(*) FROM transmission")
mark=$(upload_mark)
run_jar wrong-password "$W/wrong-password.env" transmit --period 2025-05 --as-of "$AS_OF"
check_eq "wrong key-store password: exit code 2 (bad input)" 2 "$last_rc"
check_true "wrong key-store password: the error names SIGNING_KEYSTORE_PASSWORD" \
    grep -q "SIGNING_KEYSTORE_PASSWORD: does not open the key store" "$W/logs/run-wrong-password.err" "$W/logs/run-wrong-password.out"
check_eq "wrong key-store password: nothing written on the server" "" "$(written_since "$mark" | names_line)"
check_eq "wrong key-store password: the server's files are unchanged" "$listing_before" "$(upload_listing)"
check_eq "wrong key-store password: no new message" "$mails_before" "$(mail_count "${MAIL_TO_ADDRESSES[0]}")"
check_eq "wrong key-store password: nothing recorded in the ledger" "$versions_before" "$(ledger -c "SELECT count(*) FROM transmission")"
check_true "wrong key-store password: no 2025-05 file built in the outbox" bash -c '[ -z "$(ls -A "$1" 2>/dev/null)" ]' _ "$W/outbox/2025-05"

# ==== 6. the host key: unknown, then changed ======================================================
phase "host key refused"
for case in unknown changed; do
    listing_before=$(upload_listing)
    mark=$(upload_mark)
    run_jar "hostkey-$case" "$W/$case-host.env" transmit --period "$PERIOD" --as-of "$AS_OF"
    if [ "$last_rc" -ne 0 ]; then
        pass "host key $case: transmit fails (exit $last_rc)"
    else
        fail "host key $case: transmit fails (exit $last_rc)"
    fi
    check_eq "host key $case: nothing written on the server" "" "$(written_since "$mark" | names_line)"
    check_eq "host key $case: the server's files are unchanged" "$listing_before" "$(upload_listing)"
    check_true "host key $case: the ledger records the SFTP failure and names the host key" bash -c \
        '[ -n "$1" ] && ! grep -qv "^FAILED|FAILED|" <<<"$1" && grep -qi "host key" <<<"$1"' _ \
        "$(psql_tcp labour_pipeline "$pipeline_pw" labour_pipeline_hostkey -F '|' \
            -c "SELECT status, sftp_status, coalesce(sftp_error, '') FROM transmission WHERE period = '$PERIOD'")"
done

# ==== 7. receipts by mail and acknowledgement files ================================================
phase "receipts"
receipts_by_mail

# ==== 7a. the validation report as the bureau opens it ===========================================
# A month worth charting needs a history: a source of its own with thirteen months of demo data at
# national scale (the generator of src/test/resources/db/demo), Karaganda's inspections of June 2025
# deleted. A dry run of 1-MEIZhM builds it with the checks (every period of history built from that
# source) and writes the .validation.html; headless Chromium (Debian's, as ConsoleBrowserIntegrationTest
# uses it) opens it from the file, offline, and takes a screenshot whose pixels must show each chart's
# red flagged value and its shaded band (src/systemtest/ChartPixels.java counts them).
validation_report_in_browser() {
    phase "validation report in a browser"
    if ! command -v chromium >/dev/null 2>&1; then
        install_packages chromium || { fail "validation report: chromium could not be installed (logs/apt.log)"; return; }
    fi
    local db=labour_report_source html shot charts pixels
    psql_admin -d postgres -c "CREATE DATABASE $db OWNER labour_source_admin ENCODING 'UTF8' TEMPLATE template0" >/dev/null \
        && psql_admin -d postgres -c "REVOKE ALL ON DATABASE $db FROM PUBLIC; GRANT CONNECT ON DATABASE $db TO labour_reader" >/dev/null \
        && psql_admin -d postgres -c "CREATE DATABASE labour_pipeline_report OWNER labour_pipeline" >/dev/null \
        || { fail "validation report: cannot create its databases"; return; }
    psql_admin -d "$db" -c "ALTER SCHEMA public OWNER TO labour_source_admin" >/dev/null
    local migration
    while IFS= read -r migration; do
        { echo "SET ROLE labour_source_admin;"; cat "$migration"; } | psql_admin -d "$db" >>"$W/logs/report-source.log" 2>&1
    done < <(find "$ROOT/src/main/resources/db/source" -maxdepth 1 -name 'V*__*.sql' | sort -V)
    if ! { echo "SET ROLE labour_source_admin;"; cat "$ROOT/src/test/resources/db/demo/generate.sql";
           echo "SELECT relation, row_count FROM demo.generate('2024-06-01', 13, 1.0, 11);";
           echo "DELETE FROM inspection WHERE region_kato LIKE '35%' AND completed_on >= '2025-06-01';";
           echo "GRANT USAGE ON SCHEMA public TO labour_reader;";
           echo "GRANT SELECT ON ALL TABLES IN SCHEMA public TO labour_reader;"; } \
        | psql_admin -d "$db" >>"$W/logs/report-source.log" 2>&1; then
        fail "validation report: the demo source could not be made (logs/report-source.log)"
        return
    fi
    write_env "$W/report.env" labour_pipeline_report "$W/outbox-report" "$W/ssh/known_hosts"
    sed -i "s|/labour_source\$|/$db|; s|/labour_source'\$|/$db'|" "$W/report.env"
    grep -q "$db" "$W/report.env" || { fail "validation report: the run's environment does not name $db"; return; }
    run_jar report "$W/report.env" transmit --period "$PERIOD" --form 1-MEIZhM --dry-run --as-of "$AS_OF"
    check_eq "validation report: the dry run of 1-MEIZhM on the demo source ends with exit code 0" 0 "$last_rc"
    html="$W/outbox-report/dry-run/$PERIOD/$(file_base 1-MEIZhM 1 N).validation.html"
    if [ ! -f "$html" ]; then
        fail "validation report: the dry run wrote $(basename "$html")"
        return
    fi
    charts=$(grep -o '<img [^>]*src="data:image/png;base64,' "$html" | wc -l)
    check_true "validation report: Karaganda's missing inspections are flagged and charted (charts: $charts)" \
        bash -c '[ "$1" -ge 3 ] && grep -q "row 350000000 .*, column 2" "$2"' _ "$charts" "$html"
    check_true "validation report: no script, no address outside the file" \
        bash -c '! grep -Eqi "<script|https?://|src=\"//|<link" "$1"' _ "$html"
    mkdir -p "$W/report"
    shot="$W/report/validation-report.png"
    # offline: no proxy, no network needed; the file is opened from disk
    timeout 120 chromium --headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu --hide-scrollbars \
        --no-proxy-server --window-size=1280,$((1300 + 260 * charts)) --screenshot="$shot" "file://$html" \
        >"$W/logs/chromium-report.log" 2>&1
    if [ ! -s "$shot" ]; then
        fail "validation report: headless Chromium took a screenshot (logs/chromium-report.log)"
        return
    fi
    pixels=$(java "$ROOT/src/systemtest/ChartPixels.java" "$shot" 2>>"$W/logs/chromium-report.log")
    check_true "validation report: Chromium drew every chart, its flagged value and band [$pixels]" \
        bash -c 'set -- $1 "$2"; [ "$2" -ge $((40 * $5)) ] && [ "$4" -ge $((5000 * $5)) ]' _ "$pixels" "$charts"
    cp "$shot" "$W/logs/validation-report.png"
    note "screenshot: $W/logs/validation-report.png"
}
validation_report_in_browser

# ==== 8. secrets and roles ========================================================================
phase "secrets"
ledger -c "SELECT * FROM transmission" >"$W/logs/ledger.txt" 2>&1
ledger -c "SELECT * FROM transmission_event" >>"$W/logs/ledger.txt" 2>&1
psql_tcp labour_pipeline "$pipeline_pw" labour_pipeline_hostkey -c "SELECT * FROM transmission_event" >>"$W/logs/ledger.txt" 2>&1
for addr in "${MAIL_TO_ADDRESSES[@]}"; do mail_json "$addr" >"$W/logs/mail-$addr.json"; done
leaks=()
for s in "${secrets[@]}"; do
    while IFS= read -r f; do leaks+=("${f#"$W"/}"); done < <(grep -rlF -- "$s" "$W/logs" "$W/outbox" "$W/outbox-hostkey" "$W/outbox-receipts" "$UPLOAD" 2>/dev/null)
done
if [ ${#leaks[@]} -eq 0 ]; then
    pass "secrets: no password or passphrase in the runs' output, the servers' logs, the ledger, the files or the mail"
else
    fail "secrets: a password or passphrase appears in: $(printf '%s\n' "${leaks[@]}" | sort -u | tr '\n' ' ')"
fi
# Who logged in to the source over TCP (the jar's way in) while the jar ran: the reader only.
source_logins=$(tail -n +"$((pg_mark + 1))" "$W/logs/postgres.log" \
    | grep -E '127\.0\.0\.1.*connection authorized: user=[^ ]+ database=labour_source' \
    | sed -E 's/.*user=([^ ]+) database=labour_source.*/\1/' | LC_ALL=C sort -u | names_line)
check_eq "roles: the jar read the source as the SELECT-only labour_reader and no other role" "labour_reader" "$source_logins"

phase "done"
