-- Issue 8: a bulk load's preview reads the state and version of every member of the company.
-- With (company_rut, person_rut) indexed, each of those was a table lookup: about 15,000 page
-- reads for a company of 50,000 members at 1M persons. This index covers that read (and is
-- the same prefix for everything the old one served), so it takes one contiguous range.
DROP INDEX `memberships_company_person`;--> statement-breakpoint
CREATE INDEX `memberships_company_person_state` ON `memberships` (`company_rut`,`person_rut`,`state`,`version`);
