-- A desk that takes a new identity (revoked, or a duplicate) is the same computer: at its first
-- sign-in under the new id it proves the old id's secret, and the device keeps which identity it
-- took over from. The supervisor's list links the two (DeviceSummary.formerDeviceId and
-- nextDeviceId) instead of showing a stranger beside a revoked laptop.
ALTER TABLE devices ADD COLUMN former_device_id TEXT;
CREATE INDEX devices_former ON devices (former_device_id) WHERE former_device_id IS NOT NULL;
