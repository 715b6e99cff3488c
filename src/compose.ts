import type { FastifyBaseLogger } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { pino } from 'pino';
import { loginThrottleSettings, publicUrl, secretKey, sessionSecret, smsGateway, type Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import { AuditWriter } from './platform/audit.js';
import { EventBus } from './platform/events.js';
import { useAuditWriter, useVerifierPermission, type CitizenCaller, type RoleTable } from './platform/access.js';
import { DomainError } from './platform/errors.js';
import { assembleModules } from './platform/module.js';
import { ROLES, SERVICE_AGENCIES } from './roles.js';
import {
  CITIZEN_COOKIE, OFFICER_COOKIE, createCitizenService, createIdentityService, createMessageSender, createOfficerAccounts, createOidc, identityModule,
} from './modules/identity/index.js';
import { createOfficerAccountHashed, hashPassword } from './modules/identity/index.js';
import { createRegistryService, normalizeName, registryModule } from './modules/registry/index.js';
import { createCredentialService, credentialsModule } from './modules/credentials/index.js';
import { createLodgingService, lodgingModule } from './modules/lodging/index.js';
import { createOperations, operationsModule, type OperationsSources } from './modules/operations/index.js';
import { createDocumentsService, documentsModule } from './modules/documents/index.js';
import { createKioskService, kioskModule } from './modules/kiosk/index.js';
import { createExchangeAdmin, createExchangeService, exchangeModule, loadPurposes } from './modules/exchange/index.js';
import { createLinkageService, linkageModule } from './modules/linkage/index.js';
import { createServicesFigures, createServicesService, dvcqgLinkSettings, registryEffects, registryResults, servicesModule, type PaymentHook } from './modules/services/index.js';
import { createPaymentsService, httpPaymentPlatform, paymentsModule, paymentsSettings, platformSettings } from './modules/payments/index.js';

/** The modules of this deployment, in the order their routes are registered. */
export const MODULES = [identityModule, registryModule, credentialsModule, lodgingModule, operationsModule, servicesModule, paymentsModule, documentsModule, kioskModule, exchangeModule, linkageModule] as const;

/** The roles of the role table that work on an agency's dossiers. */
const rolesOfAgency = (agency: string, roles: RoleTable) =>
  Object.keys(roles).filter((r) => (SERVICE_AGENCIES[r as keyof typeof SERVICE_AGENCIES] ?? []).some((a) => a === agency));

export interface ComposeDeps {
  config: Config;
  db: Db;
  /** Where the OpenID provider logs (the server's logger; the CLI, the demo and the benches: none). */
  log?: FastifyBaseLogger;
  /** The roles and their permissions; src/roles.ts unless a test stands for another deployment's table. */
  roles?: RoleTable;
}

/**
 * The composition root: builds every module's services and wires what each needs from the others
 * through their index.ts. The server (app.ts), the CLI, the demo and the benchmarks all build their
 * services here, so they run the same code.
 */
export async function composeServices({ config, db, log = pino({ level: 'silent' }), roles = ROLES }: ComposeDeps) {
  assembleModules(MODULES);
  const audit = new AuditWriter(db);
  const identity = createIdentityService(db, audit, {
    roles,
    sessionSecret: sessionSecret(config),
    sessionTtlMinutes: config.DA06_SESSION_TTL_MIN,
    throttle: loginThrottleSettings(config),
  });
  const events = new EventBus();
  await events.connect(db);
  const registry = createRegistryService(db, audit, events);
  const citizens = createCitizenService({
    db, audit, identity, registry, events, sender: createMessageSender(db, smsGateway(config)), secretKey: secretKey(config), publicUrl: publicUrl(config),
  });
  // OpenID Connect provider: created before listen, mounted at /oidc below.
  const oidc = await createOidc({
    db, audit, registry, issuer: `${publicUrl(config)}/oidc`, masterKey: secretKey(config), sessionSecret: sessionSecret(config),
    resolveCitizen: (token) => identity.resolveCitizenSession(token), citizenCookie: CITIZEN_COOKIE,
    endCitizenSession: (caller) => citizens.signOut(caller),
    resolveOfficer: (token) => identity.resolveSession(token), officerCookie: OFFICER_COOKIE, log,
    allowInsecureRedirects: config.DA06_ENV !== 'production',
  });
  citizens.useConnectedServices(oidc.connectedServices);
  identity.useOfficerSso(oidc.endOfficerSso);
  const credentials = createCredentialService({
    db, registry, audit, masterKey: secretKey(config), issuer: publicUrl(config), qrSeconds: config.DA06_IDENTITY_QR_SECONDS,
    staffNames: (ids) => identity.usernames(ids),
  });
  citizens.useChipCheck((personalId, chip) => credentials.chipCheckForUpgrade(personalId, chip));
  // Officer accounts: an administrator picks a counter's staff's relying party among the province's.
  const officers = createOfficerAccounts({ db, identity, roles: ROLES, relyingParties: (province) => credentials.relyingParties.list(province) });
  const lodging = createLodgingService({
    db, audit, events, relyingParties: credentials.relyingParties, hashPassword,
    guests: { verify: (v, text) => credentials.verify(v, text), verifyChip: (v, chip) => credentials.verifyChip(v, chip) },
    communes: async () => (await registry.listUnits('2025', { level: 'commune' })).map((u) => ({ code: u.code, name: u.fullName, provinceCode: u.provinceCode })),
    createStaff: (account, tx) => createOfficerAccountHashed(tx, { ...account, role: 'rp_staff' }),
  });

  const sources: OperationsSources = {
    communesOf: (area) => registry.statistics.communesOf(area),
    provinceNames: async (area) => {
      const unit = await registry.getUnit('2025', await registry.provinceOf(area));
      const predecessors = (unit.predecessors ?? []) as { name: string; level: string }[];
      return [unit.name, unit.fullName, ...predecessors.filter((p) => p.level === 'province').map((p) => p.name)];
    },
    population: (communes, year) => registry.statistics.population(communes, year),
    lifeEvents: (communes, months) => registry.statistics.lifeEvents(communes, months),
    statisticsRefreshedAt: () => registry.statistics.lastRefresh(),
    lodging: (communes, period) => lodging.statisticsOfCommunes(communes, period),
    eidCoverage: (communes) => citizens.coverage(communes),
    verificationsByType: async (area, from, to) => credentials.verificationsByType(from, to, await registry.provinceOf(area)),
    signIns: async (days) => (await oidc.clients.listWithStatistics(days)).map((c) => ({ clientId: c.clientId, name: c.name, signIns: c.signIns })),
    services: createServicesFigures(db),
    // Read when a plan is shown, after `linkage` below is composed.
    linkage: async (area, before) => linkage.quality.latestPerSource(await registry.provinceOf(area), before),
  };
  const operations = createOperations({ db, sources });

  // Payments (issue 16): a dossier's fee is a payment request of subject ('dossier', id); its confirmation
  // settles the dossier (record_payment) in the confirming transaction.
  const platform = platformSettings(config);
  const payments = createPaymentsService({ db, events, settings: paymentsSettings(config), platform: platform && httpPaymentPlatform(platform) });
  const dossierPayments: PaymentHook | undefined = payments.enabled() ? {
    requested: async (r, tx) => {
      await payments.request(tx, {
        subject: { kind: 'dossier', id: String(r.dossierId), code: r.code }, payer: { accountId: r.applicantAccountId, name: r.applicantName, personalId: r.applicantPersonalId },
        unitCode: r.unitCode, provinceCode: r.provinceCode, amount: r.amount, purpose: `Phí, lệ phí: ${r.procedureName}`,
      });
    },
  } : undefined;
  // Results as signed documents (issue 16): the unit's PKCS#12 from configuration, else (outside production) a
  // development certificate generated once and stored; services signs each approved dossier's result through it.
  const documents = createDocumentsService({
    db, masterKey: secretKey(config), publicUrl: publicUrl(config), production: config.DA06_ENV === 'production', log,
    p12: config.DA06_DOCUMENTS_P12 ? { path: config.DA06_DOCUMENTS_P12, passphrase: config.DA06_DOCUMENTS_P12_PASSPHRASE ?? '' } : undefined,
    developmentUnitName: 'Đơn vị cấp kết quả da06',
    issuersOf: (role) => SERVICE_AGENCIES[role as keyof typeof SERVICE_AGENCIES] ?? [],
    // Each result also as an SD-JWT VC in the holder's wallet, issued and revoked in the document's own transactions.
    wallet: { resultIssuer: () => credentials.wallet.resultIssuer(), revokeResult: (tx, id, reason) => credentials.wallet.revokeResult(tx, id, reason) },
  });

  // Public services (issue 15). An approval's effect on the registry (services/effects.ts) runs in the
  // approval's transaction through the registry's own functions, each change carrying the dossier code.
  const services = createServicesService({
    db, audit, events, registry,
    agenciesOf: (role) => SERVICE_AGENCIES[role as keyof typeof SERVICE_AGENCIES] ?? [],
    officer: (id) => identity.officerById(id),
    colleagues: (areaCode, agency) => identity.officersInArea(areaCode, rolesOfAgency(agency, roles)),
    notify: (accountId, text) => citizens.notifyAccount(accountId, text),
    notifyPerson: (personalId, text) => citizens.notifyPersonalId(personalId, text),
    citizenAccount: (personId) => citizens.unsafeAccountIdOf(personId),
    publicUrl: publicUrl(config),
    effects: registryEffects(registry, db, log),
    results: registryResults(registry),
    log,
    relyingPartyType: (id) => credentials.relyingParties.active(id).then((rp) => rp.type, () => undefined),
    accountsOf: (personIds) => citizens.unsafeActiveAccountsOf(personIds),
    dvcqg: dvcqgLinkSettings(config),
    documents: {
      sign: async (meta, draw, issuedAt) => {
        const signed = await documents.sign(meta, draw, issuedAt);
        return signed && { id: signed.id, pdf: signed.pdf, sha256: signed.sha256, record: (tx) => documents.record(tx, signed) };
      },
      ready: () => documents.ready(),
      pdf: (id) => documents.unsafePdf(id),
      revocations: (ids) => documents.unsafeRevocations(ids),
      heldBy: (personalId) => documents.unsafeHeldBy(personalId),
    },
    payments: dossierPayments,
  });
  payments.onSettled('dossier', async (tx, p) => {
    await services.settlePayment(tx, Number(p.subjectId), p);
  });
  // An expired payment code is issued again only while its dossier still waits for the fee.
  payments.onRenewal('dossier', (tx, id) => services.awaitsPayment(tx, Number(id)));

  // A test or development server may run the workflow's clock from a chosen instant (config.ts refuses it in production).
  if (config.DA06_SERVICES_CLOCK_START) {
    const offset = Date.parse(config.DA06_SERVICES_CLOCK_START) - Date.now();
    services.useReferenceData({ clock: () => new Date(Date.now() + offset) });
  }

  /** The citizen a kiosk verified, as the services module knows its callers: their e-ID account, if active. */
  const kioskCitizen = async (personalId: string): Promise<CitizenCaller | undefined> => {
    const a = await citizens.unsafeActiveAccountOfPersonalId(personalId);
    return a && { kind: 'citizen', accountId: a.accountId, personId: a.personId, personalId, level: a.level, sessionId: 'kiosk', csrfToken: '' };
  };
  // Self-service kiosks (issue 16, model 2): a citizen's identity QR is verified as at the centre's relying party.
  const kiosk = createKioskService({
    db, masterKey: secretKey(config), idleSeconds: config.DA06_KIOSK_IDLE_SECONDS,
    provinceOf: (area) => registry.provinceOf(area),
    unit: (code) => registry.getUnit('2025', code).then((u) => ({ code: u.code, fullName: u.fullName, provinceCode: u.provinceCode }), () => undefined),
    relyingPartyProvince: (id) => credentials.relyingParties.active(id).then((rp) => rp.province_code, () => undefined),
    verifyIdentityQr: async (relyingPartyId, qr) => {
      const outcome = await credentials.verify({ relyingPartyId, staffId: null }, qr);
      return { valid: outcome.valid, reason: outcome.reasons[0]?.message ?? null, personalId: outcome.person.personal_id, fullName: outcome.person.full_name };
    },
    dossierStatus: (code) => services.statusByCode(code),
    verifyChip: async (relyingPartyId, input) => {
      const outcome = await credentials.verifyChip({ relyingPartyId, staffId: null }, input);
      return { valid: outcome.valid, reason: outcome.reasons[0]?.message ?? null, personalId: outcome.person.personal_id, fullName: outcome.person.full_name };
    },
    chipChallenge: (relyingPartyId) => credentials.chipChallenge({ relyingPartyId, staffId: null }),
    // The citizen the kiosk verified sees what their e-ID account shows them on the portal, nothing more.
    dossiersOf: async (personalId) => {
      const caller = await kioskCitizen(personalId);
      if (!caller) return [];
      const { items } = await services.listOwn(caller, 20, 0);
      return items.map((d) => ({ id: d.id, code: d.code, procedureName: d.procedure.name, state: d.state, stateLabel: d.stateLabel, submittedAt: d.submittedAt, dueAt: d.dueAt }));
    },
    paymentOf: async (personalId, id) => {
      const caller = await kioskCitizen(personalId);
      if (!caller || !payments.enabled()) return undefined;
      const [p] = (await payments.listOwn(caller, { kind: 'dossier', id: String(id) }, 1, 0)).items;
      if (!p) return undefined;
      return {
        reference: p.reference, amount: p.amount, purpose: p.purpose, status: p.status, statusLabel: p.statusLabel, expiresAt: p.expiresAt, paidAt: p.paidAt,
        account: { bankName: p.account.bankName, number: p.account.number, name: p.account.name }, transferText: p.transferText,
        receiptNumber: p.receiptNumber, sample: p.sample, qrSvg: p.status === 'pending' ? await payments.ownQr(caller, p.reference) : null,
      };
    },
    kioskProcedures: async (personalId) => {
      const caller = await kioskCitizen(personalId);
      return caller && services.kioskProcedures(caller);
    },
    submitAtKiosk: async (personalId, input, at, key) => {
      const caller = await kioskCitizen(personalId);
      return caller && services.submitAtKiosk(caller, input, at, key);
    },
    receiptOf: async (personalId, id) => {
      const caller = await kioskCitizen(personalId);
      return caller ? services.ownReceipt(caller, id).catch((err: unknown) => {
        if (err instanceof DomainError && err.status === 404) return undefined;
        throw err;
      }) : undefined;
    },
  });

  // The data-sharing gateway (issue 17, model 25): agencies authenticate at da06's own provider (client credentials).
  const exchangeService = createExchangeService({
    db, provinceOf: (area) => registry.provinceOf(area),
    confidentialClient: (clientId) => oidc.clientTokens.confidentialClient(clientId),
    clientOfToken: (token) => oidc.clientTokens.clientOfToken(token),
    insertKeyClient: (q, input) => oidc.clientTokens.insertKeyClient(q, input),
    uniqueProof: (clientId, jti, expiresAt) => oidc.clientTokens.uniqueProof(clientId, jti, expiresAt),
    // The gateway's route writes the read's entry (who: the agency; whose; fields; purpose), so the registry's release entry is not kept.
    unsafeFindPerson: async (personalId) => {
      const facts = await registry.unsafeIdentityFactsByPersonalId(personalId);
      return facts && { ...facts, ethnicity: facts.ethnicity ?? null };
    },
    normalizeName,
    jwsSigner: () => credentials.jwsSigner(),
    publicJwks: () => credentials.jwks() as Promise<JSONWebKeySet>,
    publicUrl: publicUrl(config),
    unsafeHouseholdMembers: (personId) => registry.unsafeHouseholdMembers(personId),
    unsafeFactsForChecks: (personalIds) => registry.unsafeFactsForChecks(personalIds),
    onError: (err) => log.error({ err }, 'exchange batch failed'),
    // Sector records flowing back (models 33–35): read-only beside the registry officer's person record; one that
    // disagrees with the registry waits in the linkage review queue (composed below) of the person's commune.
    personalIdInArea: async (caller, key) => (await registry.readPerson(caller, key)).personalId,
    holdForReview: (tx, item) => linkage.review.hold(tx, item),
    ...(config.DA06_EXCHANGE_PURPOSES_FILE && { purposes: loadPurposes(config.DA06_EXCHANGE_PURPOSES_FILE) }),
  });
  // Usage per day, keys rotated, agencies disabled (admin.ts): the keys are the provider's client registration.
  const exchange = Object.assign(exchangeService, {
    admin: createExchangeAdmin({
      db, provinceOf: (area) => registry.provinceOf(area),
      clientJwks: (clientId, q) => oidc.clientTokens.clientJwks(clientId, q),
      setClientJwks: (q, clientId, jwks) => oidc.clientTokens.setClientJwks(q, clientId, jwks),
      forgetKept: () => exchangeService.forgetKept(),
    }),
  });

  // Record linkage of sector lists (issue 18): a pre-2025 commune of a list is read through the registry's unit links.
  const linkage = createLinkageService({
    db, provinceOf: (area) => registry.provinceOf(area),
    successors: async (code) => {
      const unit = await registry.getUnit('pre2025', code).catch(() => undefined);
      return ((unit?.successors ?? []) as { code: string; level: string }[]).filter((u) => u.level === 'commune').map((u) => u.code);
    },
  });

  // The registry officer's decision on a held sector record is the exchange module's to apply, in the same transaction.
  linkage.review.onExchangeDecision((tx, d) => exchange.sectorRecords.settle(tx, d.externalRef, d.accepted));

  // The citizen's history: agencies' queries and consents, and their own answers to sector lists ("Đây là tôi").
  credentials.useAgencyQueries(async (personId) => [...await exchange.queriesOf(personId), ...await linkage.review.historyOf(personId)]);

  useAuditWriter(audit);
  useVerifierPermission('credentials.verify');
  return { identity, officers, registry, audit, events, citizens, oidc, credentials, lodging, operations, services, payments, documents, kiosk, exchange, linkage };
}

export type Services = Awaited<ReturnType<typeof composeServices>>;

/** Stops what the services run in the background and waits for their pending writes (before the database closes). */
export async function stopServices(services: Services): Promise<void> {
  services.oidc.stop();
  await services.exchange.batches.stop();
  await services.credentials.drain();
  await services.lodging.drain();
  await services.linkage.drain();
  await services.audit.drain();
  await services.events.disconnect();
}
