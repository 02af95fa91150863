-- A Ley 21.719 request from someone the system holds no data of (their RUT has no person): the
-- law still wants it recorded and answered, and with no record to name them, the request keeps
-- the name they gave (shared/rules/data-requests.ts, titularWithoutDataRefusal). Replicated with
-- the rest of the request (the central API runs these migrations too). Rows already there are
-- of persons the system holds: their name stays the record's, and this stays empty.
ALTER TABLE `data_requests` ADD `titular_name` text;
