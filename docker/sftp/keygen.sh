#!/bin/sh
# Makes the demo's SSH keys once, into two volumes, and pins the host key for the pipeline:
#
#   /keys/server  (the sftp service's /etc/ssh/keys): ssh_host_ed25519_key, authorized_keys
#   /keys/client  (the pipeline's key directory):     id_ed25519 (with SFTP_PRIVATE_KEY_PASSPHRASE),
#                                                     known_hosts holding exactly the host key above
#
# Keys that exist are kept, so the pin survives restarts; authorized_keys and known_hosts are
# rewritten from them every time. On a real site the bureau issues the account, the operator
# puts the private key and the bureau's host key into the pipeline's volume instead.
set -eu
: "${SFTP_HOST:?}" "${SFTP_PRIVATE_KEY_PASSPHRASE?}"
port=${SFTP_PORT:-22}
uid=${CLIENT_UID:-10001}
server=/keys/server
client=/keys/client
umask 077

if [ ! -s "$server/ssh_host_ed25519_key" ]; then
    ssh-keygen -q -t ed25519 -N '' -C "bureau sftp host key" -f "$server/ssh_host_ed25519_key"
    echo "keygen: new SFTP host key"
fi
if [ ! -s "$client/id_ed25519" ]; then
    ssh-keygen -q -t ed25519 -N "$SFTP_PRIVATE_KEY_PASSPHRASE" -C "labour-reporting" -f "$client/id_ed25519"
    echo "keygen: new pipeline key"
fi

# The pipeline's key may do SFTP and nothing else (sshd_config forces internal-sftp as well).
printf 'restrict %s\n' "$(cat "$client/id_ed25519.pub")" > "$server/authorized_keys"
if [ "$port" = 22 ]; then host=$SFTP_HOST; else host="[$SFTP_HOST]:$port"; fi
printf '%s %s\n' "$host" "$(cut -d ' ' -f 1,2 "$server/ssh_host_ed25519_key.pub")" > "$client/known_hosts"

chown root:root "$server" "$server"/*
chmod 0755 "$server"
chmod 0600 "$server/ssh_host_ed25519_key"
chmod 0644 "$server/ssh_host_ed25519_key.pub" "$server/authorized_keys"
chown "$uid" "$client/id_ed25519" "$client/id_ed25519.pub" "$client/known_hosts"
chmod 0755 "$client"
chmod 0600 "$client/id_ed25519"
chmod 0644 "$client/id_ed25519.pub" "$client/known_hosts"
echo "keygen: host key pinned for $host: $(ssh-keygen -l -f "$server/ssh_host_ed25519_key.pub")"
