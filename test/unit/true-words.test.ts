/**
 * Words that must stay true of what the code does (a review of every message, session 49): a
 * mail asked for is no «envío», a held action's note says its own state's until-when, and lists
 * of companies read as Spanish does for one and for several.
 */
import { describe, expect, it } from 'vitest';
import {
  actionDialogTexts,
  heldMessages,
  syncMessages,
  syncScaleMessages,
} from '../../src/shared/messages';

describe('the resend dialog says how the last mail went', () => {
  const say = (outcome: 'queued' | 'sent' | 'delivered' | 'bounced' | 'failed' | null) =>
    actionDialogTexts.resend.description(
      'pedro@correo.cl',
      'Portal Héroes',
      outcome === null ? null : { sentAt: '2026-12-06T13:00:00.000Z', outcome },
    );
  it('an envío only once it left; a waiting or a failed one says so', () => {
    expect(say(null)).toMatch(/No se ha enviado antes\.$/);
    expect(say('sent')).toMatch(/Último envío: 06-12-2026 10:00\.$/);
    expect(say('bounced')).toMatch(/Último envío: 06-12-2026 10:00 \(rebotó\)\.$/);
    expect(say('queued')).toMatch(/El último se pidió el 06-12-2026 10:00 y aún no sale\.$/);
    expect(say('failed')).toMatch(/El último, pedido el 06-12-2026 10:00, no se envió\.$/);
    expect(say('failed')).not.toContain('Último envío');
  });
});

describe("a held action's note, by the sync's state", () => {
  it('each state its own sentence, never «Estado: esta acción…» nor a sync a state cannot have', () => {
    expect(heldMessages.dialogNote('offline')).toBe(
      'Sin conexión: esta acción quedará guardada en este equipo y llegará al portal cuando este equipo se sincronice. Dígaselo a la persona.',
    );
    const expired = heldMessages.dialogNote('signed_out', true);
    expect(expired).toMatch(/expiró: .* cuando usted salga e ingrese de nuevo con conexión\./);
    expect(expired).toMatch(/Dígaselo a quien lo pide\.$/);
    expect(expired).not.toMatch(/: ingrese de nuevo:/);
    // A revoked desk never syncs again: no promise that it will.
    expect(heldMessages.dialogNote('revoked')).toMatch(/no llegará al portal desde aquí/);
    expect(heldMessages.dialogNote('revoked')).not.toMatch(/cuando este equipo se sincronice/);
  });
});

describe("an officer's changed companies", () => {
  const t = syncScaleMessages.scopeNotice;
  it('one company, or several, each in its own number', () => {
    expect(t.added(['Constructora Los Andes'])).toMatch(/^Se le asignó Constructora Los Andes:/);
    expect(t.added(['Constructora Los Andes', 'Transportes Biobío'])).toMatch(
      /^Se le asignaron Constructora Los Andes y Transportes Biobío:/,
    );
    expect(t.removed(['A', 'B', 'C'])).toMatch(
      /^Ya no tiene A, B y C: .* que se las asigne de nuevo\.$/,
    );
    expect(t.removed(['A'])).toMatch(/que se la asigne de nuevo\.$/);
  });
});

describe('what the caller hears of a change still on this desk', () => {
  it('speaks the caller’s words, not the desk’s', () => {
    for (const say of [heldMessages.diagnosisSay, heldMessages.diagnosisSayOthers]) {
      expect(say).not.toMatch(/equipo|sistema central/);
      expect(say).toMatch(/hasta entonces el portal no lo ve\.$/);
    }
  });
});

describe('a mail withheld for lateness', () => {
  it('names the record’s own button, and in a conflict only what applied and no «Entendido»', () => {
    const alone = syncMessages.mailWithheld(['access_approval'], true);
    expect(alone).toMatch(
      /^El sistema central aplicó esta acción, pero no envió el correo «Aprobación de acceso»/,
    );
    expect(alone).toContain('«Enviar: Aprobación de acceso» (o «Reenviar: Aprobación de acceso»)');
    expect(alone).toMatch(/Luego marque «Entendido»\.$/);
    const mixed = syncMessages.mailWithheld(['email_confirmation'], true, true);
    expect(mixed).toMatch(
      /^El sistema central aplicó el nuevo correo de esta acción, pero no envió/,
    );
    expect(mixed).not.toContain('Entendido');
    expect(syncMessages.mailWithheld(['email_confirmation'], false)).toContain(
      'Su ficha ya no está en este equipo',
    );
  });
});

describe('the next sync attempt', () => {
  it('reads in minutes once the backoff grows past one', () => {
    expect(syncMessages.inSeconds(45)).toBe('en 45 s');
    expect(syncMessages.inSeconds(60)).toBe('en 1 min');
    expect(syncMessages.inSeconds(270)).toBe('en 4 min 30 s');
  });
});

describe("another agent's actions waiting on a shared desk", () => {
  it('wait for an agent who will come back; a disabled one only leaves through a supervisor', () => {
    expect(heldMessages.othersNote(['Alicia'], false)).toBe(
      'Son acciones de Alicia en este equipo: salen cuando ingrese de nuevo. Si no puede esperar, pida a un supervisor que las reasigne (Sincronización).',
    );
    // «reasígnelas a su nombre», as the button says («reasígneselas» read as back to her).
    expect(heldMessages.othersNote(['Alicia'], true)).toContain(
      'Si no puede esperar, reasígnelas a su nombre en Sincronización',
    );
    expect(heldMessages.othersNote(['Héctor'], true, ['Héctor'])).toBe(
      'Son acciones de Héctor en este equipo: Héctor está inhabilitado y no volverá a ingresar: salen solo si un supervisor las reasigna. Reasígnelas a su nombre en Sincronización y salen con su sesión.',
    );
    expect(heldMessages.othersNote(['Alicia', 'Héctor'], false, ['Héctor'])).toContain(
      'salen cuando ingrese de nuevo (las de Héctor, inhabilitado, solo si un supervisor las reasigna).',
    );
    expect(
      heldMessages.pending([
        { label: 'Cambio de contacto', otherAgent: 'Héctor', agentDisabled: true },
      ]),
    ).toContain('(de Héctor, inhabilitado: sale solo si un supervisor la reasigna)');
    expect(syncScaleMessages.agentDisabled(2)).toMatch(
      /^Este agente está inhabilitado y no volverá a ingresar: sus acciones no saldrán solas; envíelas con «Reasignar a mi nombre»\./,
    );
  });
});
