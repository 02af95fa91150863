-- Issue 11 (scale): each lane's last processed id in a row of its own, per device and agent,
-- moved once per push batch. Every pull answer lists a device's lanes, and every batch reads
-- them: from mutation_results that was a scan of the device's whole history (2.2 ms at 30,000
-- results, and growing with every action it ever sent), and its index one more b-tree written
-- per mutation.
CREATE TABLE device_lanes (
  device_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  last_processed INTEGER NOT NULL,
  PRIMARY KEY (device_id, agent_id)
) WITHOUT ROWID;
INSERT INTO device_lanes (device_id, agent_id, last_processed)
  SELECT device_id, lane_agent_id, max(mutation_id) FROM mutation_results
  GROUP BY device_id, lane_agent_id;
DROP INDEX mutation_results_lane;
