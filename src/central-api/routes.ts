/**
 * The route table: the server dispatches on it and the OpenAPI document is built from it, so the
 * two cannot disagree. Bodies and answers are the wire protocol's own zod schemas.
 */
import { z } from 'zod';
import {
  ErrorBody,
  AgreementSigned,
  AgreementSignedResponse,
  Health,
  PROTOCOL_VERSION,
  PullResponse,
  PushRequest,
  PushResponse,
  RefreshRequest,
  RevokeDeviceRequest,
  RevokeDeviceResponse,
  DeviceListResponse,
  OfficerListResponse,
  ScopeAssignment,
  ScopeAssignmentResponse,
  SignInRequest,
  SignOutResponse,
  TokenResponse,
  // Audit chain anchoring (issue 10).
  AnchorRequest,
  AnchorResponse,
} from '../shared/sync-protocol';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT } from './pull';

export const PullQuery = z.object({
  /** Empty: start the initial sync. */
  cursor: z.string().max(4096).default(''),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  /**
   * Issue 11: the highest mutation id below which the device holds every answer; it never sends
   * those again, so their stored answers may go (results-pruning.ts). Older desks send none: their
   * pushes say it instead (push.ts).
   */
  answered: z.coerce.number().int().min(0).optional(),
});

/** Schemas named in the OpenAPI components; anything else is inlined. */
const NAMED_SCHEMAS = {
  SignInRequest,
  RefreshRequest,
  TokenResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  Health,
  ErrorBody,
  AgreementSigned,
  AgreementSignedResponse,
  // Scope follows assignments (issue 11).
  ScopeAssignment,
  ScopeAssignmentResponse,
  OfficerListResponse,
  RevokeDeviceRequest,
  RevokeDeviceResponse,
  DeviceListResponse,
  SignOutResponse,
  // Audit chain anchoring (issue 10).
  AnchorRequest,
  AnchorResponse,
} as const;
type SchemaName = keyof typeof NAMED_SCHEMAS;

type Response = { description: string; schema?: SchemaName; retryAfter?: boolean };

export type RouteSpec = {
  operationId: string;
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** Bearer access token, X-Device-Id and X-Client-Version required. */
  auth: boolean;
  /** Called by the portals, with `Authorization: Bearer <portal key>`; off without a key. */
  portalKey?: boolean;
  body?: SchemaName;
  query?: typeof PullQuery;
  responses: Record<number, Response>;
};

const invalid: Response = { description: 'Solicitud inválida', schema: 'ErrorBody' };
const upgrade: Response = {
  description: 'Versión de la aplicación demasiado antigua (`upgrade_required`, `minVersion`)',
  schema: 'ErrorBody',
};
const unauthorized: Response = {
  description: 'Token de acceso ausente, desconocido o expirado (`unauthorized`)',
  schema: 'ErrorBody',
};
// Issue 11: a revoked device is told so (only when it proves its secret).
const revoked: Response = {
  description:
    'El equipo fue revocado (`device_revoked`): por un supervisor, o con `--revoke-device`',
  schema: 'ErrorBody',
};

export const ROUTES = [
  {
    operationId: 'signIn',
    method: 'POST',
    path: '/auth/sign-in',
    summary: 'Inicia sesión de un agente en un equipo y entrega tokens de acceso y renovación.',
    auth: false,
    body: 'SignInRequest',
    responses: {
      200: { description: 'Sesión iniciada', schema: 'TokenResponse' },
      400: invalid,
      401: {
        description:
          'Credenciales inválidas (`invalid_credentials`) o equipo con otro secreto (`device_untrusted`)',
        schema: 'ErrorBody',
      },
      403: {
        description:
          'Equipo revocado (`device_revoked`), o agente inhabilitado con su contraseña correcta (`agent_disabled`)',
        schema: 'ErrorBody',
      },
      426: upgrade,
      429: {
        description: 'Demasiados intentos fallidos (`too_many_attempts`): espere `Retry-After`',
        schema: 'ErrorBody',
        retryAfter: true,
      },
    },
  },
  {
    operationId: 'refresh',
    method: 'POST',
    path: '/auth/refresh',
    summary: 'Renueva la sesión: el token de renovación se consume y se entrega un par nuevo.',
    auth: false,
    body: 'RefreshRequest',
    responses: {
      200: { description: 'Tokens nuevos', schema: 'TokenResponse' },
      400: invalid,
      401: { description: 'Token de renovación inválido (`invalid_token`)', schema: 'ErrorBody' },
      403: revoked,
      426: upgrade,
    },
  },
  {
    operationId: 'pull',
    method: 'GET',
    path: '/sync/pull',
    summary:
      'Entrega una página de cambios: sincronización inicial (cursor vacío) y luego el registro de cambios.',
    auth: true,
    query: PullQuery,
    responses: {
      200: { description: 'Una página de cambios', schema: 'PullResponse' },
      400: invalid,
      401: unauthorized,
      403: revoked,
      410: {
        description:
          'El servidor fue restaurado o el cursor no sirve (`resync_required`), o el registro de cambios ya se depuró más allá del cursor (`log_pruned`)',
        schema: 'ErrorBody',
      },
      426: upgrade,
    },
  },
  {
    operationId: 'push',
    method: 'POST',
    path: '/sync/push',
    summary: 'Aplica las acciones encoladas de un equipo, en orden y cada una una sola vez.',
    auth: true,
    body: 'PushRequest',
    responses: {
      200: { description: 'Resultado de cada acción procesada', schema: 'PushResponse' },
      400: invalid,
      401: unauthorized,
      403: revoked,
      409: {
        description: 'Un id ya procesado llegó con otro contenido: equipo clonado (`device_fork`)',
        schema: 'ErrorBody',
      },
      413: { description: 'Cuerpo mayor a 1 MiB', schema: 'ErrorBody' },
      426: upgrade,
      503: {
        description: 'Falla transitoria: reintente después de `Retry-After`',
        schema: 'ErrorBody',
        retryAfter: true,
      },
    },
  },
  {
    operationId: 'agreementSigned',
    method: 'POST',
    path: '/portal/agreement-signed',
    summary:
      'Portal Empresas avisa que una persona firmó el Acuerdo de Acceso Remoto de una empresa: se le asigna el perfil empresa. Si su acceso está pausado o inhabilitado, la firma queda registrada y el acceso sigue así (`assigned: false`): el perfil se asigna cuando la empresa lo reanude o lo habilite.',
    auth: false,
    portalKey: true,
    body: 'AgreementSigned',
    responses: {
      200: {
        description: 'Firma registrada; `assigned` dice si el perfil empresa quedó asignado',
        schema: 'AgreementSignedResponse',
      },
      400: invalid,
      401: { description: 'Falta la clave de los portales o no es válida', schema: 'ErrorBody' },
      404: {
        description:
          'No hay un perfil empresa de esa persona en esa empresa (`agreement_not_found`)',
        schema: 'ErrorBody',
      },
      409: {
        description: 'El acuerdo ya estaba firmado (`agreement_already_signed`)',
        schema: 'ErrorBody',
      },
    },
  },
  // Scope follows assignments (issue 11).
  {
    operationId: 'assignScope',
    method: 'POST',
    path: '/admin/agent-scope',
    summary:
      'Un supervisor asigna una empresa a un encargado de prevención o se la quita (con motivo): sus personas llegan a su equipo o salen de él en la próxima sincronización.',
    auth: true,
    body: 'ScopeAssignment',
    responses: {
      200: { description: 'Empresas del encargado ahora', schema: 'ScopeAssignmentResponse' },
      400: invalid,
      401: unauthorized,
      403: { description: 'Solo un supervisor (`forbidden`)', schema: 'ErrorBody' },
      404: {
        description: 'No existe el agente o la empresa (`agent_not_found`, `company_not_found`)',
        schema: 'ErrorBody',
      },
      409: {
        description: 'El agente no es encargado de prevención (`agent_not_prevention`)',
        schema: 'ErrorBody',
      },
      426: upgrade,
    },
  },
  // Issue 11: the officers whose companies a supervisor assigns, as the desk's company page lists them.
  {
    operationId: 'listOfficers',
    method: 'GET',
    path: '/admin/officers',
    summary:
      'Un supervisor lista los encargados de prevención con las empresas asignadas a cada uno.',
    auth: true,
    responses: {
      200: { description: 'Encargados de prevención', schema: 'OfficerListResponse' },
      401: unauthorized,
      403: { description: 'Solo un supervisor (`forbidden`)', schema: 'ErrorBody' },
      426: upgrade,
    },
  },
  // Issue 11: the devices a supervisor may revoke, as the desk's Sincronización screen lists them.
  {
    operationId: 'listDevices',
    method: 'GET',
    path: '/admin/devices',
    summary:
      'Un supervisor lista los equipos inscritos: quién lo inscribió, quién tiene sesión abierta en él, su último contacto y si fue revocado.',
    auth: true,
    responses: {
      200: { description: 'Equipos inscritos', schema: 'DeviceListResponse' },
      401: unauthorized,
      403: { description: 'Solo un supervisor (`forbidden`)', schema: 'ErrorBody' },
      426: upgrade,
    },
  },
  // Issue 11: a supervisor revokes a device (also `npm run central -- --revoke-device ID`).
  {
    operationId: 'revokeDevice',
    method: 'POST',
    path: '/admin/devices/revoke',
    summary:
      'Un supervisor revoca un equipo: deja de sincronizar, sus sesiones terminan y al próximo contacto borra su réplica.',
    auth: true,
    body: 'RevokeDeviceRequest',
    responses: {
      200: { description: 'Equipo revocado', schema: 'RevokeDeviceResponse' },
      400: invalid,
      401: unauthorized,
      403: {
        description: 'Solo un supervisor puede revocar equipos (`forbidden`)',
        schema: 'ErrorBody',
      },
      404: { description: 'No hay un equipo con ese id (`device_not_found`)', schema: 'ErrorBody' },
      426: upgrade,
    },
  },
  // --- Audit chain anchoring (issue 10) ---
  {
    operationId: 'anchor',
    method: 'POST',
    path: '/sync/anchor',
    summary:
      'Ancla la cabeza de la cadena de auditoría del equipo y entrega las anclas que el servidor guarda para él.',
    auth: true,
    body: 'AnchorRequest',
    responses: {
      200: {
        description: 'Anclas de este equipo, la más reciente primero',
        schema: 'AnchorResponse',
      },
      400: invalid,
      401: unauthorized,
      426: upgrade,
    },
  },
  // Issue 11: signing out on the desk ends the session on the central API too.
  {
    operationId: 'signOut',
    method: 'POST',
    path: '/auth/sign-out',
    summary:
      'Cierra la sesión del token de renovación en este equipo: todos los tokens de ese agente en ese equipo dejan de valer.',
    auth: false,
    body: 'RefreshRequest',
    responses: {
      200: { description: 'Sesión cerrada (o ya no existía)', schema: 'SignOutResponse' },
      400: invalid,
      426: upgrade,
    },
  },
  {
    operationId: 'health',
    method: 'GET',
    path: '/health',
    summary: 'Estado del servidor y época actual del conjunto de datos.',
    auth: false,
    responses: { 200: { description: 'En servicio', schema: 'Health' } },
  },
  {
    operationId: 'openapi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'Este documento OpenAPI 3.1.',
    auth: false,
    responses: { 200: { description: 'Documento OpenAPI 3.1' } },
  },
] as const satisfies readonly RouteSpec[];

export type OperationId = (typeof ROUTES)[number]['operationId'];

const REQUEST_SCHEMAS: ReadonlySet<SchemaName> = new Set([
  'SignInRequest',
  'RefreshRequest',
  'PushRequest',
  'AgreementSigned',
  'ScopeAssignment',
  'RevokeDeviceRequest',
  'AnchorRequest',
]);

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const document = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  // The dialect is declared once, at the document's top (jsonSchemaDialect).
  delete document['$schema'];
  return document;
}

/** The OpenAPI 3.1 document of ROUTES. */
export function buildOpenApi(options: { minClientVersion: string }): Record<string, unknown> {
  const schemas = Object.fromEntries(
    Object.entries(NAMED_SCHEMAS).map(([name, schema]) => [
      name,
      jsonSchema(schema, REQUEST_SCHEMAS.has(name as SchemaName) ? 'input' : 'output'),
    ]),
  );
  const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES as readonly RouteSpec[]) {
    const parameters: unknown[] = [];
    if (route.auth) {
      parameters.push(
        { $ref: '#/components/parameters/DeviceId' },
        { $ref: '#/components/parameters/DeviceSecret' },
        { $ref: '#/components/parameters/ClientVersion' },
      );
    } else if (route.body) {
      parameters.push({ $ref: '#/components/parameters/ClientVersionOptional' });
    }
    if (route.query) {
      for (const [name, field] of Object.entries(route.query.shape)) {
        parameters.push({
          name,
          in: 'query',
          required: false,
          schema: jsonSchema(field as z.ZodType, 'input'),
        });
      }
    }
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.retryAfter
            ? { headers: { 'Retry-After': { schema: { type: 'integer', minimum: 0 } } } }
            : {}),
          ...(response.schema
            ? { content: { 'application/json': { schema: ref(response.schema) } } }
            : { content: { 'application/json': { schema: { type: 'object' } } } }),
        },
      ]),
    );
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: route.operationId,
        summary: route.summary,
        security: route.auth ? [{ bearer: [] }] : [],
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: ref(route.body) } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Mesa de Ayuda: API central',
      version: `${PROTOCOL_VERSION}.0.0`,
      description:
        'Sistema de registro con el que sincronizan los equipos de la mesa de ayuda. Errores: `{ error: { code, message } }`.',
    },
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      parameters: {
        DeviceId: {
          name: 'X-Device-Id',
          in: 'header',
          required: true,
          description: 'Identificador del equipo; debe ser el mismo con que se inició la sesión.',
          schema: { type: 'string', format: 'uuid' },
        },
        ClientVersion: {
          name: 'X-Client-Version',
          in: 'header',
          required: true,
          description: `Versión semver de la aplicación; menor que ${options.minClientVersion} responde 426.`,
          schema: { type: 'string' },
        },
        DeviceSecret: {
          name: 'X-Device-Secret',
          in: 'header',
          required: true,
          description:
            'El secreto con que el equipo se inscribió (32 bytes en base64url); el servidor guarda solo su hash.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
        },
        ClientVersionOptional: {
          name: 'X-Client-Version',
          in: 'header',
          required: false,
          description: `Versión semver de la aplicación; menor que ${options.minClientVersion} responde 426.`,
          schema: { type: 'string' },
        },
      },
    },
  };
}
