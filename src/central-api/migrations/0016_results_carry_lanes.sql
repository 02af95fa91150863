-- Issue 11 (push speed): a processed mutation's lane is kept on its stored result instead of in
-- a table of its own (0014's mutation_lanes), so each mutation writes one row and two b-trees
-- fewer. lane_agent_id is the agent who decided it; sent_by and reassign_reason are set when a
-- supervisor sent it for them (agent_id stays the sender's).
ALTER TABLE mutation_results ADD COLUMN lane_agent_id TEXT;
ALTER TABLE mutation_results ADD COLUMN sent_by TEXT;
ALTER TABLE mutation_results ADD COLUMN reassign_reason TEXT;
UPDATE mutation_results
  SET lane_agent_id = l.lane_agent_id, sent_by = l.sent_by, reassign_reason = l.reassign_reason
  FROM mutation_lanes l
  WHERE l.device_id = mutation_results.device_id AND l.mutation_id = mutation_results.mutation_id;
UPDATE mutation_results SET lane_agent_id = agent_id WHERE lane_agent_id IS NULL;
DROP TABLE mutation_lanes;
CREATE INDEX mutation_results_lane ON mutation_results (device_id, lane_agent_id, mutation_id);
