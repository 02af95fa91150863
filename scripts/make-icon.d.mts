export function drawIcon(): Buffer;
