#!/bin/sh
# Entrypoint of the streaming replica (compose.ha.yaml, service postgres-replica; runs as the
# postgres user). On an empty data directory it clones the primary with pg_basebackup (WAL streamed,
# recovery configuration written: standby.signal + primary_conninfo using the replication slot),
# then starts PostgreSQL as a hot standby through the image's own entrypoint.
# Needs: PRIMARY_HOST, PRIMARY_PORT, REPLICATION_USER, REPLICATION_PASSWORD, REPLICATION_SLOT, PGDATA.
set -eu

if [ ! -s "${PGDATA}/PG_VERSION" ]; then
  export PGPASSWORD="${REPLICATION_PASSWORD}"
  until pg_basebackup \
      --host="${PRIMARY_HOST}" --port="${PRIMARY_PORT}" --username="${REPLICATION_USER}" \
      --pgdata="${PGDATA}" --wal-method=stream --slot="${REPLICATION_SLOT}" \
      --write-recovery-conf --checkpoint=fast --no-password; do
    echo "postgres-replica: primary ${PRIMARY_HOST}:${PRIMARY_PORT} not ready for a base backup, retrying"
    rm -rf "${PGDATA:?}"/* 2>/dev/null || true
    sleep 3
  done
  unset PGPASSWORD
  chmod 0700 "${PGDATA}"
  echo "postgres-replica: base backup of ${PRIMARY_HOST} done, starting as hot standby"
fi

exec docker-entrypoint.sh postgres -c hot_standby=on -c hot_standby_feedback=on
