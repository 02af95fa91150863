/**
 * A shared desk's waiting actions in words (issue 11): singular and plural agree with the count,
 * and a re-assignment made while the desk cannot sync does not say the actions are on their way.
 */
import { describe, expect, it } from 'vitest';
import { signInMessages, syncMessages, syncScaleMessages as m } from '../../src/shared/messages';

describe('a shared desk’s waiting actions', () => {
  it('agree in number with how many wait', () => {
    expect(m.waitsForAgent(1)).toBe('Espera a que este agente vuelva a ingresar en este equipo.');
    expect(m.waitsForAgent(3)).toBe('Esperan a que este agente vuelva a ingresar en este equipo.');
    expect(m.reassignedTo('Sara Supervisora', 1)).toBe(
      'Reasignada a Sara Supervisora: se envía con su sesión.',
    );
    expect(m.reassignedTo('Sara Supervisora', 2)).toBe(
      'Reasignadas a Sara Supervisora: se envían con su sesión.',
    );
  });

  it('say who may send them: the supervisor reading is told it is she', () => {
    expect(syncMessages.waitingForOther(1)).toBe(
      ' (1 es de otro agente: sale cuando ese agente ingrese, o si un supervisor la reasigna)',
    );
    expect(syncMessages.waitingForOther(2, true)).toBe(
      ' (2 no son suyas: salen cuando ingrese quien las hizo, o si usted las reasigna en «Acciones pendientes»)',
    );
  });

  it('re-assigned offline, leave when the desk syncs, not now', () => {
    expect(m.reassignDone(1, false)).toBe('Se reasignó 1 acción: se enviará con su sesión.');
    expect(m.reassignDone(2, true)).toBe(
      'Se reasignaron 2 acciones: se enviarán con su sesión cuando este equipo se sincronice.',
    );
    // Nothing is sent by pressing it while the desk cannot sync: the button does not say so.
    expect(m.reassignConfirm(false)).toBe('Reasignar y enviar');
    expect(m.reassignConfirm(true)).toBe('Reasignar a mi nombre');
  });
});

describe('the sync badge’s count', () => {
  it('says which of the waiting actions are the agent’s own', () => {
    expect(syncMessages.pendingShort(0)).toBe('0 pendientes');
    expect(syncMessages.pendingShort(1, 1)).toBe('1 pendiente (ninguna suya)');
    // Three of one agent or of three: the count is of actions, so it names the agent's own.
    expect(syncMessages.pendingShort(3, 3)).toBe('3 pendientes (ninguna suya)');
    expect(syncMessages.pendingShort(3, 2)).toBe('3 pendientes (1 suya)');
    expect(syncMessages.pendingShort(4, 1)).toBe('4 pendientes (3 suyas)');
    // A long outage's count is written as the rest of the screen writes numbers.
    expect(syncMessages.pendingShort(1234, 1)).toBe('1.234 pendientes (1.233 suyas)');
    expect(syncMessages.badgeIssues(2500)).toBe('2.500 por revisar');
  });
});

describe('«Salir», said on the sign-in screen', () => {
  it('says what stays on the desk for the agent who left, naming nobody', () => {
    expect(signInMessages.signedOut(null, 0)).toBe('Se cerró la sesión.');
    expect(signInMessages.signedOut('visit', 1234)).toBe(
      'Se cerró la sesión. La visita de quien salió sigue abierta: la retomará al volver a ingresar en este equipo. Quedaron en este equipo 1.234 acciones pendientes de quien salió: se enviarán cuando vuelva a ingresar aquí.',
    );
  });
});
