/**
 * The scripted part of the demo dataset: one person for each situation a 600-line agent meets,
 * at fixed RUTs, so the README, demos and end-to-end tests can name them.
 */
type Portal = 'achs_gestion' | 'portal_heroes' | 'portal_empresas';

export type CastPerson = {
  rut: number;
  givenNames: string;
  lastName1: string;
  lastName2: string;
  email: string | null;
  phone: string | null;
  serialNumber: string;
  pensioner?: boolean;
  memberships: Array<{
    companyRut: number;
    role: 'worker' | 'access_admin' | 'company_user';
    state: 'active' | 'disabled' | 'paused' | 'removed';
    modules?: string[];
    agreementSigned?: boolean;
    accessRequest?: 'pending' | 'approved' | 'rejected';
  }>;
  accounts: Array<{
    portal: Portal;
    registrationState: 'not_registered' | 'pending_activation' | 'active';
    failedAttempts?: number;
    lockedForMinutes?: number;
    registrationBlocked?: boolean;
    mails?: Array<{
      kind: 'password_creation' | 'password_reset' | 'access_approval' | 'agreement_signature';
      minutesAgo: number;
      outcome: 'sent' | 'delivered' | 'bounced';
    }>;
  }>;
};

export const CAST_COMPANIES = [
  { rut: 76_543_210, name: 'Constructora Los Andes SpA', adherent: true, caja: false },
  { rut: 77_123_456, name: 'Transportes Biobío Limitada', adherent: false, caja: false },
  { rut: 96_512_340, name: 'Comercial Araucanía S.A.', adherent: true, caja: true },
] as const;

const [ANDES, BIOBIO, ARAUCANIA] = CAST_COMPANIES.map((c) => c.rut) as [number, number, number];

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
    // His company is no longer adherent.
    rut: 7_654_321,
    givenNames: 'Ramón',
    lastName1: 'Ñancupil',
    lastName2: 'Catrileo',
    email: 'ramon.nancupil@yahoo.es',
    phone: null,
    serialNumber: '555666777',
    memberships: [{ companyRut: BIOBIO, role: 'worker', state: 'active' }],
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
    memberships: [
      {
        companyRut: ARAUCANIA,
        role: 'access_admin',
        state: 'active',
        agreementSigned: false,
        accessRequest: 'approved',
        modules: ['usuarios', 'reportes'],
      },
    ],
    accounts: [
      {
        portal: 'portal_empresas',
        registrationState: 'active',
        mails: [
          { kind: 'access_approval', minutesAgo: 2 * 24 * 60, outcome: 'delivered' },
          { kind: 'agreement_signature', minutesAgo: 2 * 24 * 60, outcome: 'delivered' },
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
