#!/bin/sh
# Starts sshd in the foreground once the keygen service has left a host key and authorized_keys.
# Waits for them up to KEY_WAIT_SECONDS (default 60): Docker Compose starts this service after keygen
# has finished, podman-compose only after keygen has started.
set -eu
for f in ssh_host_ed25519_key authorized_keys; do
    waited=0
    while [ ! -s "/etc/ssh/keys/$f" ]; do
        if [ "$waited" -ge "${KEY_WAIT_SECONDS:-60}" ]; then
            echo "sftp: /etc/ssh/keys/$f is missing; the keygen service makes it" >&2
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
done
# The incoming volume is created root-owned on first use; the bureau must write there.
chown bureau:bureau /srv/sftp/incoming
chmod 0750 /srv/sftp/incoming
# Privilege separation directory (made in the image too; /run may be a fresh tmpfs).
install -d -m 0755 /run/sshd
/usr/sbin/sshd -t -f /etc/ssh/sshd_config
exec /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config
