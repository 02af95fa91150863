/** What several files of the catalogue share but do not export: index.ts leaves this file out. */
import { formatNumber } from '../format';

/** What to tell a caller whose RUT is valid but unknown (rule 5); search and diagnosis share it. */
export const NOT_IN_REPLICA_SAY =
  'Ese RUT no está registrado como trabajador de ninguna empresa adherida: si trabaja en una, su empresa debe incorporarle (en ACHS, su encargado de prevención; en Caja Los Héroes, la empresa desde Portal Empresas).';

/** A catalogue with its words widened to `string`, so another wording can share its shape. */
export type Wording<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Wording<T[K]> };

export const count = (n: number, one: string, many: string) =>
  n === 1 ? `1 ${one}` : `${formatNumber(n)} ${many}`;
