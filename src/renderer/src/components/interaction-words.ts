/** The words of the call bar and the Llamadas list for whoever is signed in (visits, for an officer). */
import { interactionWords } from '../../../shared/messages';
import { useSession } from '../session-store';

export function useInteractionWords() {
  return interactionWords(useSession((s) => s.session?.role));
}
