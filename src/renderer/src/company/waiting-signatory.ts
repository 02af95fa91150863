/**
 * Who of a company's register (its legal representative, a TRF signatory) has asked for Portal
 * Empresas and waits on its page: approved, and their agreement signed, they may ask for changes
 * of its users (rules 9, 12). Named where the page says nobody may ask now (walk 58b).
 */
import type { CompanyRecord } from '../../../shared/contract';
import { nameOr } from '../components/display';

export function waitingSignatory(company: CompanyRecord): string | null {
  const request = company.requests.find((r) => r.state === 'pending' && r.check.ok);
  return request ? nameOr(request.requester) : null;
}
