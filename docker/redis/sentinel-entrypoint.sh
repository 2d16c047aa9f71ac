#!/bin/sh
# Entrypoint of each Redis Sentinel (compose.ha.yaml). Sentinel rewrites its configuration file
# (learned replicas, the current master after a failover), so the file lives on the sentinel's
# volume and is written only on the first start.
# Spec (nas-infrastructure.md, Redis Sentinel): quorum 2, down after 5 s, failover timeout 10 s.
# Needs: REDIS_MASTER_NAME, REDIS_MASTER_HOST, REDIS_MASTER_PORT, REDIS_PASSWORD, SENTINEL_QUORUM.
set -eu

CONF=/data/sentinel.conf
if [ ! -f "${CONF}" ]; then
  cat > "${CONF}" <<CONF
port 26379
dir /data
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel monitor ${REDIS_MASTER_NAME} ${REDIS_MASTER_HOST} ${REDIS_MASTER_PORT} ${SENTINEL_QUORUM}
sentinel auth-pass ${REDIS_MASTER_NAME} ${REDIS_PASSWORD}
sentinel down-after-milliseconds ${REDIS_MASTER_NAME} 5000
sentinel failover-timeout ${REDIS_MASTER_NAME} 10000
sentinel parallel-syncs ${REDIS_MASTER_NAME} 1
CONF
fi

exec redis-sentinel "${CONF}"
