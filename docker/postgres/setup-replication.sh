#!/bin/sh
# One-shot job of compose.ha.yaml (service postgres-replication-init): on the primary, create the
# replication role and the physical replication slot the replica streams from. Idempotent, so it
# also prepares a primary whose data volume existed before the secondary site was added.
# Needs: PGHOST, PGUSER, PGPASSWORD, PGDATABASE (the primary's superuser), REPLICATION_USER,
# REPLICATION_PASSWORD, REPLICATION_SLOT.
set -eu

until pg_isready -q; do
  echo "postgres-replication-init: waiting for the primary at ${PGHOST}"
  sleep 2
done

psql -v ON_ERROR_STOP=1 \
  -v repl_user="${REPLICATION_USER}" \
  -v repl_password="${REPLICATION_PASSWORD}" \
  -v repl_slot="${REPLICATION_SLOT}" <<'SQL'
SELECT format('CREATE ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'repl_user', :'repl_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'repl_user') \gexec
SELECT format('ALTER ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'repl_user', :'repl_password') \gexec
SELECT pg_create_physical_replication_slot(:'repl_slot')
WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'repl_slot');
SQL

echo "postgres-replication-init: role ${REPLICATION_USER} and slot ${REPLICATION_SLOT} ready"
