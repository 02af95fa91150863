/**
 * Hands a file the renderer holds whole to the browser as a download (a blob address, freed a
 * little later): the one way every screen saves a file.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A CSV the core wrote (it carries its own UTF-8 BOM). */
export function saveCsv(file: { filename: string; csv: string }): void {
  saveBlob(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }), file.filename);
}
