/**
 * The scripted part of the demo dataset: one person for each situation a 600-line agent meets,
 * at fixed RUTs, so the README, demos and end-to-end tests can name them.
 */
import type { Portal } from '../../shared/vocabulary';

export type CastPerson = {
  rut: number;
  givenNames: string;
  lastName1: string;
  lastName2: string;
  email: string | null;
  phone: string | null;
  serialNumber: string;
  pensioner?: boolean;
  /**
   * An affiliated worker («Persona trabajadora»): by default whoever has a membership. False for
   * a company's user who is no affiliate, whose Los Héroes login serves only her company profile
   * (rule 14 holds for those who have both).
   */
  worker?: boolean;
  /** Legal representative of, or enabled in the TRF (register of signatories) of, a company. */
  signatories?: Array<{ companyRut: number; kind: 'legal_representative' | 'trf' }>;
  memberships: Array<{
    companyRut: number;
    role: 'worker' | 'access_admin' | 'company_user';
    state: 'active' | 'disabled' | 'paused' | 'removed';
    modules?: string[];
    agreementSigned?: boolean;
    accessRequest?: 'pending' | 'approved' | 'rejected';
    /** ACHS access administrators: which of the three kinds. */
    adminKind?: 'legal_representative' | 'commercial_contact' | 'appointed';
    appointedBy?: number;
    /** Not a worker of the company: an outsider given access by its representative. */
    external?: boolean;
  }>;
  /** Portal Empresas requests that gave no membership (pending, or rejected). */
  requests?: Array<{
    companyRut: number;
    capacity: 'legal_representative' | 'authorized_signatory' | 'other';
    state: 'pending' | 'approved' | 'rejected';
    daysAgo: number;
    reason?: string;
  }>;
  accounts: Array<{
    /** The login: Portal Empresas has none of its own (one Los Héroes login, shared/portals). */
    portal: Exclude<Portal, 'portal_empresas'>;
    registrationState: 'not_registered' | 'pending_activation' | 'active';
    /** Defaults to whether the registration is active. */
    passwordSet?: boolean;
    failedAttempts?: number;
    lockedForMinutes?: number;
    registrationBlocked?: boolean;
    mails?: Array<{
      kind: 'password_creation' | 'password_reset' | 'access_approval' | 'agreement_signature';
      /** Company mails come from Portal Empresas. */
      portal?: Portal;
      minutesAgo: number;
      outcome: 'sent' | 'delivered' | 'bounced';
    }>;
  }>;
};

export const CAST_COMPANIES = [
  { rut: 76_543_210, name: 'Constructora Los Andes SpA', adherent: true, caja: false },
  { rut: 77_123_456, name: 'Transportes Biobío Limitada', adherent: false, caja: false },
  { rut: 96_512_340, name: 'Comercial Araucanía S.A.', adherent: true, caja: true },
  { rut: 78_901_234, name: 'Panadería La Espiga Limitada', adherent: true, caja: true },
] as const;

const [ANDES, BIOBIO, ARAUCANIA, ESPIGA] = CAST_COMPANIES.map((c) => c.rut) as [
  number,
  number,
  number,
  number,
];
const RICARDO = 12_131_415;

export const CAST_PERSONS: CastPerson[] = [
  {
    // Locked after too many attempts: the most common call.
    rut: 12_345_678,
    givenNames: 'Pedro Andrés',
    lastName1: 'González',
    lastName2: 'Muñoz',
    email: 'pedro.gonzalez@gmail.com',
    phone: '+56987654321',
    serialNumber: '519283746',
    memberships: [{ companyRut: ANDES, role: 'worker', state: 'active' }],
    accounts: [
      {
        portal: 'achs_gestion',
        registrationState: 'active',
        failedAttempts: 6,
        lockedForMinutes: 45,
        mails: [{ kind: 'password_reset', minutesAgo: 30, outcome: 'delivered' }],
      },
    ],
  },
  {
    // Wrong serial number at first registration: blocked, only the help desk clears it.
    rut: 11_111_111,
    givenNames: 'María José',
    lastName1: 'Muñoz',
    lastName2: 'Sepúlveda',
    email: 'mjose.munoz@hotmail.com',
    phone: '+56912345678',
    serialNumber: '502938475',
    memberships: [{ companyRut: ANDES, role: 'worker', state: 'active' }],
    accounts: [
      { portal: 'achs_gestion', registrationState: 'not_registered', registrationBlocked: true },
    ],
  },
  {
    // No e-mail: cannot register.
    rut: 9_876_543,
    givenNames: 'Ana Sofía',
    lastName1: 'Pérez',
    lastName2: 'Núñez',
    email: null,
    phone: '+56955512345',
    serialNumber: '111222333',
    memberships: [{ companyRut: ANDES, role: 'worker', state: 'active' }],
    accounts: [{ portal: 'achs_gestion', registrationState: 'not_registered' }],
  },
  {
    // Dismissed from his only company: inactive.
    rut: 15_234_567,
    givenNames: 'Juan Ignacio',
    lastName1: 'Rojas',
    lastName2: 'Díaz',
    email: 'juan.rojas@outlook.com',
    phone: '+56976543210',
    serialNumber: '333444555',
    memberships: [{ companyRut: ANDES, role: 'worker', state: 'removed' }],
    accounts: [{ portal: 'achs_gestion', registrationState: 'active' }],
  },
  {
    // Two companies: dismissed from one, active in the other.
    rut: 16_789_012,
    givenNames: 'Camila Fernanda',
    lastName1: 'Soto',
    lastName2: 'Ibáñez',
    email: 'camila.soto@gmail.com',
    phone: '+56998877665',
    serialNumber: '444555666',
    memberships: [
      { companyRut: BIOBIO, role: 'worker', state: 'removed' },
      { companyRut: ANDES, role: 'worker', state: 'active' },
    ],
    accounts: [{ portal: 'achs_gestion', registrationState: 'active' }],
  },
  {
    // His company is no longer adherent; he is its legal representative, and holds one module
    // there (rule 6: it may go, no other may come).
    rut: 7_654_321,
    givenNames: 'Ramón',
    lastName1: 'Ñancupil',
    lastName2: 'Catrileo',
    email: 'ramon.nancupil@yahoo.es',
    phone: null,
    serialNumber: '555666777',
    worker: true,
    signatories: [{ companyRut: BIOBIO, kind: 'legal_representative' }],
    memberships: [
      {
        companyRut: BIOBIO,
        role: 'access_admin',
        state: 'active',
        adminKind: 'legal_representative',
        modules: ['siniestros'],
      },
    ],
    accounts: [{ portal: 'achs_gestion', registrationState: 'active' }],
  },
  {
    // Password-creation link sent and never used.
    rut: 18_765_432,
    givenNames: 'Francisca Javiera',
    lastName1: 'Silva',
    lastName2: 'Araya',
    email: 'fran.silva@gmail.com',
    phone: '+56933344455',
    serialNumber: '666777888',
    memberships: [{ companyRut: ANDES, role: 'worker', state: 'active' }],
    accounts: [
      {
        portal: 'achs_gestion',
        registrationState: 'pending_activation',
        mails: [{ kind: 'password_creation', minutesAgo: 3 * 24 * 60, outcome: 'sent' }],
      },
    ],
  },
  {
    // Portal Empresas access approved, Remote Access Agreement still unsigned.
    rut: 10_203_040,
    givenNames: 'Héctor Patricio',
    lastName1: 'Contreras',
    lastName2: 'Vásquez',
    email: 'hcontreras@araucania.cl',
    phone: '+56944455566',
    serialNumber: '777888999',
    signatories: [{ companyRut: ARAUCANIA, kind: 'legal_representative' }],
    memberships: [
      {
        companyRut: ARAUCANIA,
        role: 'access_admin',
        state: 'active',
        agreementSigned: false,
        accessRequest: 'approved',
        modules: ['usuarios', 'certificados'],
      },
    ],
    accounts: [
      {
        portal: 'portal_heroes',
        registrationState: 'active',
        passwordSet: false,
        mails: [
          // The approval's one mail carries the agreement's link (seed 002, rule 12).
          {
            kind: 'access_approval',
            portal: 'portal_empresas',
            minutesAgo: 2 * 24 * 60,
            outcome: 'delivered',
          },
        ],
      },
    ],
  },
  {
    // Pensioner on Portal Héroes, everything in order.
    rut: 6_543_210,
    givenNames: 'Rosa Elena',
    lastName1: 'Fuentes',
    lastName2: 'Tapia',
    email: 'rosa.fuentes@live.cl',
    phone: '+56922233344',
    serialNumber: '888999000',
    pensioner: true,
    memberships: [],
    accounts: [{ portal: 'portal_heroes', registrationState: 'active' }],
  },

  {
    // Legal representative of La Espiga: her Portal Empresas request waits for a decision.
    rut: 14_725_836,
    givenNames: 'Gloria Paz',
    lastName1: 'Morales',
    lastName2: 'Reyes',
    email: 'gloria.morales@laespiga.cl',
    phone: '+56961112233',
    serialNumber: '612345789',
    signatories: [{ companyRut: ESPIGA, kind: 'legal_representative' }],
    memberships: [],
    requests: [
      { companyRut: ESPIGA, capacity: 'legal_representative', state: 'pending', daysAgo: 1 },
    ],
    accounts: [],
  },
  {
    // Neither legal representative nor in the TRF of La Espiga: rejected once, asked again.
    rut: 17_345_678,
    givenNames: 'Tomás Ignacio',
    lastName1: 'Vera',
    lastName2: 'Lagos',
    email: 'tvera@gmail.com',
    phone: '+56962223344',
    serialNumber: '623456781',
    memberships: [],
    requests: [
      {
        companyRut: ESPIGA,
        capacity: 'other',
        state: 'rejected',
        daysAgo: 30,
        reason: 'El solicitante no es representante legal ni firmante de la TRF de la empresa.',
      },
      { companyRut: ESPIGA, capacity: 'other', state: 'pending', daysAgo: 0 },
    ],
    accounts: [],
  },
  {
    // Enabled in La Espiga's TRF, administrator with the agreement signed, and an affiliate
    // already: she enters Portal Empresas with her usual Portal Héroes password.
    rut: 13_579_246,
    givenNames: 'Marcela Andrea',
    lastName1: 'Fuentes',
    lastName2: 'Rivas',
    email: 'marcela.fuentes@laespiga.cl',
    phone: '+56963334455',
    serialNumber: '634567812',
    signatories: [{ companyRut: ESPIGA, kind: 'trf' }],
    memberships: [
      {
        companyRut: ESPIGA,
        role: 'access_admin',
        state: 'active',
        agreementSigned: true,
        accessRequest: 'approved',
        modules: ['usuarios', 'licencias', 'certificados'],
      },
    ],
    accounts: [{ portal: 'portal_heroes', registrationState: 'active' }],
  },
  {
    // An outsider (the company's accountant) given access by La Espiga's representative.
    rut: 19_283_746,
    givenNames: 'Jorge Luis',
    lastName1: 'Castillo',
    lastName2: 'Pinto',
    email: 'jcastillo@contadores.cl',
    phone: '+56964445566',
    serialNumber: '645678123',
    memberships: [
      {
        companyRut: ESPIGA,
        role: 'company_user',
        state: 'active',
        external: true,
        agreementSigned: true,
        modules: ['certificados'],
      },
    ],
    accounts: [{ portal: 'portal_heroes', registrationState: 'active' }],
  },
  {
    // A La Espiga user whose access the representative paused; no affiliate, so with it paused
    // her Los Héroes login opens nothing.
    rut: 14_253_647,
    worker: false,
    givenNames: 'Valentina Sofía',
    lastName1: 'Núñez',
    lastName2: 'Bravo',
    email: 'vnunez@laespiga.cl',
    phone: '+56965556677',
    serialNumber: '656781234',
    memberships: [
      {
        companyRut: ESPIGA,
        role: 'company_user',
        state: 'paused',
        agreementSigned: true,
        // Not a worker of the company (nor of any): an outside user (rule 13).
        external: true,
      },
    ],
    accounts: [{ portal: 'portal_heroes', registrationState: 'active' }],
  },
  {
    // A La Espiga user whose access the representative deleted; no affiliate either.
    rut: 13_243_546,
    worker: false,
    givenNames: 'Cristóbal Andrés',
    lastName1: 'Paredes',
    lastName2: 'Mora',
    email: 'cparedes@gmail.com',
    phone: null,
    serialNumber: '667812345',
    memberships: [
      {
        companyRut: ESPIGA,
        role: 'company_user',
        state: 'removed',
        agreementSigned: true,
        // Not a worker of the company (nor of any): an outside user (rule 13).
        external: true,
      },
    ],
    accounts: [{ portal: 'portal_heroes', registrationState: 'active' }],
  },
  {
    // Constructora Los Andes (ACHS): legal representative and access administrator.
    rut: RICARDO,
    givenNames: 'Ricardo Alberto',
    lastName1: 'Muñoz',
    lastName2: 'Vidal',
    email: 'rmunoz@losandes.cl',
    phone: '+56966667788',
    serialNumber: '678123456',
    signatories: [{ companyRut: ANDES, kind: 'legal_representative' }],
    memberships: [
      {
        companyRut: ANDES,
        role: 'access_admin',
        state: 'active',
        adminKind: 'legal_representative',
        modules: ['usuarios', 'siniestros', 'reportes'],
      },
    ],
    accounts: [{ portal: 'achs_gestion', registrationState: 'active' }],
  },
  {
    // Constructora Los Andes: access administrator as its commercial contact.
    rut: 15_161_718,
    givenNames: 'Paula Andrea',
    lastName1: 'Rojas',
    lastName2: 'Tapia',
    email: 'projas@losandes.cl',
    phone: '+56967778899',
    serialNumber: '681234567',
    memberships: [
      {
        companyRut: ANDES,
        role: 'access_admin',
        state: 'active',
        adminKind: 'commercial_contact',
        modules: ['usuarios', 'reportes'],
      },
    ],
    accounts: [{ portal: 'achs_gestion', registrationState: 'active' }],
  },
  {
    // Constructora Los Andes: access administrator appointed by its legal representative.
    rut: 19_876_543,
    givenNames: 'Diego Sebastián',
    lastName1: 'Herrera',
    lastName2: 'Soto',
    email: 'dherrera@losandes.cl',
    phone: '+56968889900',
    serialNumber: '691234578',
    memberships: [
      {
        companyRut: ANDES,
        role: 'access_admin',
        state: 'active',
        adminKind: 'appointed',
        appointedBy: RICARDO,
        modules: ['usuarios'],
      },
    ],
    accounts: [{ portal: 'achs_gestion', registrationState: 'active' }],
  },
];

/**
 * Demo agents, one per role. Their passwords are public demo values (see the README), so their
 * scrypt hashes are computed once and kept here instead of costing ~70 ms each per seed.
 */
export const CAST_AGENTS = [
  {
    id: 'agent-demo',
    username: 'agente',
    displayName: 'Alicia Agente',
    role: 'agent' as const,
    password: 'agente600',
    passwordHash:
      'scrypt$32768$8$1$QhiUUTYMyyWFfwuCjxXqCA==$PFwePBb8vk4nweynIN0jFux0hrDS3S+Eyeu/BcJF16w=',
    companyRuts: [],
    personRut: null,
  },
  {
    id: 'supervisor-demo',
    username: 'supervisora',
    displayName: 'Sara Supervisora',
    role: 'supervisor' as const,
    password: 'super600',
    passwordHash:
      'scrypt$32768$8$1$vyOwicnB8kysLOtXEK+C9g==$+s4/5m/juaEgELBBSGMLT1PAS1/X+/f8HSdTXAbjqJQ=',
    companyRuts: [],
    personRut: null,
  },
  {
    // Héctor Contreras: prevention officer of two companies, access administrator of Araucanía.
    id: 'prevention-demo',
    username: 'prevencion',
    displayName: 'Héctor Contreras (prevención)',
    role: 'prevention' as const,
    password: 'preven600',
    passwordHash:
      'scrypt$32768$8$1$eX3KYVhnbul5+I4yMiuqCA==$jFOrh6LicP9tg01NJnbKOO9Sn+8/2NpumLM9Lrw0naw=',
    companyRuts: [ANDES, ARAUCANIA],
    personRut: 10_203_040,
  },
];
