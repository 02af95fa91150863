-- A bulk load's row kept with the file's other row it was measured against: a RUT repeated with
-- other values names a row that differs from it, a repeated row the first one, so the batch's
-- result and its CSV say «ver la fila N» as the preview did. Rows of batches recorded before
-- this have none (their result says why without a line, as before).
ALTER TABLE `bulk_batch_rows` ADD `other_line` integer;
