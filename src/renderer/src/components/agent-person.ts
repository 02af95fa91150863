import { readRut } from '../../../shared/rut';
import { useSession } from '../session-store';

/**
 * Whether a RUT is the signed-in agent's own, as a person (an officer who is also a company's
 * access administrator): where a screen shows that person, it speaks to the agent as «usted».
 */
export function useIsAgentPerson(): (rut: string) => boolean {
  const mine = useSession((s) => s.session?.personRut ?? null);
  const body = mine === null ? null : (readRut(mine)?.body ?? null);
  return (rut) => body !== null && readRut(rut)?.body === body;
}
