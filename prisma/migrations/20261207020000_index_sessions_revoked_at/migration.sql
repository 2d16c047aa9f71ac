-- The session cache (cluster mode) drops, after a Redis outage, the sessions revoked since it began.
CREATE INDEX "sessions_revoked_at_idx" ON "sessions"("revoked_at");
