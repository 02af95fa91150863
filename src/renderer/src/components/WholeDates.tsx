/**
 * Text with dates (dd-mm-aaaa) that never break at their hyphens: a browser may wrap a line
 * after any hyphen, and «03-12-» above «2026» reads as two things.
 */
const DATE = /(\d{2}-\d{2}-\d{4})/;

export function WholeDates({ text }: { text: string }) {
  return (
    <>
      {text.split(DATE).map((part, index) =>
        index % 2 === 1 ? (
          <span key={index} className="nowrap">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
