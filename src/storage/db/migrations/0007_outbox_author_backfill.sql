-- Actions queued before the outbox named its author: take it from their audit event, so the
-- author's token can push them and they do not block the actions behind them.
UPDATE `outbox` SET `agent_id` = (
  SELECT `agent_id` FROM `audit_events` WHERE `audit_events`.`id` = `outbox`.`action_id`
) WHERE `agent_id` IS NULL;
