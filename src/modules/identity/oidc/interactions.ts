import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { DomainError } from '../errors.js';
import type { AuditWriter } from '../../../platform/audit.js';
import type { CitizenCaller, OfficerCaller } from '../../../platform/access.js';
import type { RegistryService } from '../../registry/index.js';
import { ACR, CLAIM_LABELS, LEVEL2_HINT, OFFICER_ACR, OFFICER_CLAIMS, OFFICER_CLAIM_LABELS, OFFICER_SCOPE, SCOPES, requiredLevel, type Audience } from './policy.js';
import { audienceOf, claimsForScopes, minLevelOf, officerAccountId } from './provider.js';
import { message } from '../messages.js';

type Raw = { req: IncomingMessage; res: ServerResponse };
type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * The login and consent steps of a single sign-on request, as a JSON API for the web UI. The
 * browser holds the interaction cookie (path-bound to the API URL) and the da06 citizen session.
 */
export function createInteractionService(provider: Provider, deps: { audit: AuditWriter; registry: Pick<RegistryService, 'unsafeIdentityFacts'> }) {
  async function loadInteraction(raw: Raw, uid: string): Promise<Interaction> {
    const interaction = await provider.interactionDetails(raw.req, raw.res).catch(() => undefined);
    if (!interaction || interaction.uid !== uid) throw new DomainError('OIDC_INTERACTION_NOT_FOUND');
    return interaction;
  }

  function checkPromptIs(interaction: Interaction, name: 'login' | 'consent') {
    if (interaction.prompt.name !== name) throw new DomainError('OIDC_INTERACTION_STATE', { prompt: interaction.prompt.name });
  }

  function checkSameAccount(interaction: Interaction, caller: CitizenCaller) {
    if (interaction.session?.accountId !== String(caller.accountId)) throw new DomainError('OIDC_ACCOUNT_MISMATCH');
  }

  async function loadClient(interaction: Interaction) {
    const client = await provider.Client.find(String(interaction.params.client_id));
    if (!client) throw new DomainError('OIDC_INTERACTION_NOT_FOUND');
    return client;
  }

  const finish = (raw: Raw, result: InteractionResults, merge = true) =>
    provider.interactionResult(raw.req, raw.res, result, { mergeWithLastSubmission: merge });

  /** Living and still in the registry; the audited read names only what is checked. */
  async function isLivingPerson(caller: CitizenCaller): Promise<boolean> {
    const facts = await deps.registry.unsafeIdentityFacts(caller.personId, { actorKind: 'citizen', actorId: String(caller.accountId) }, ['dateOfDeath'], 'Kiểm tra điều kiện đăng nhập một lần');
    return !!facts && !facts.deceased;
  }

  const AUDIENCE_LABEL: Record<Audience, string> = { citizen: message('OIDC_AUDIENCE_CITIZEN'), officer: message('OIDC_AUDIENCE_OFFICER') };

  /** A session of the wrong kind for the client: audited, refused. */
  async function refuseAudience(actor: { actorKind: 'citizen' | 'officer'; actorId: string }, clientId: string, audience: Audience): Promise<never> {
    await deps.audit.record({ ...actor, action: 'oidc.login.refused', subjectKind: 'oidc_client', subjectId: clientId, purpose: `Dịch vụ dành cho ${AUDIENCE_LABEL[audience]}` });
    throw new DomainError('OIDC_AUDIENCE_MISMATCH', { audience: AUDIENCE_LABEL[audience] });
  }

  return {
    async details(raw: Raw, uid: string, citizenCaller: CitizenCaller | undefined, officer?: OfficerCaller) {
      const interaction = await loadInteraction(raw, uid);
      const client = await loadClient(interaction);
      if (audienceOf(client) === 'officer') {
        const scopes = String(interaction.params.scope ?? '').split(' ').filter((s) => s === 'openid' || s === OFFICER_SCOPE);
        return {
          uid,
          prompt: interaction.prompt.name as 'login' | 'consent',
          audience: 'officer' as const,
          client: { clientId: client.clientId, name: client.clientName ?? client.clientId },
          scopes,
          claims: scopes.includes(OFFICER_SCOPE) ? OFFICER_CLAIMS.map((name) => ({ name, label: OFFICER_CLAIM_LABELS[name] })) : [],
          acrRequired: OFFICER_ACR,
          levelRequired: 0,
          signedIn: !!officer,
          level: null,
          levelSufficient: null,
          levelHint: null,
        };
      }
      const caller = citizenCaller;
      const requested = String(interaction.params.scope ?? '').split(' ').filter((s) => (SCOPES as string[]).includes(s));
      const level = requiredLevel(minLevelOf(client), interaction.params.acr_values as string | undefined);
      return {
        uid,
        prompt: interaction.prompt.name as 'login' | 'consent',
        audience: 'citizen' as const,
        client: { clientId: client.clientId, name: client.clientName ?? client.clientId },
        scopes: requested,
        claims: claimsForScopes(requested, client).map((name) => ({ name, label: CLAIM_LABELS[name] ?? name })),
        acrRequired: ACR[level],
        levelRequired: level,
        signedIn: !!caller,
        level: caller?.level ?? null,
        levelSufficient: caller ? caller.level >= level : null,
        levelHint: caller && caller.level < level ? LEVEL2_HINT : null,
      };
    },

    /** Finishes the login prompt with the citizen signed in to da06 now. */
    async login(raw: Raw, uid: string, caller: CitizenCaller): Promise<string> {
      const interaction = await loadInteraction(raw, uid);
      checkPromptIs(interaction, 'login');
      const client = await loadClient(interaction);
      const actor = { actorKind: 'citizen' as const, actorId: String(caller.accountId) };
      if (audienceOf(client) !== 'citizen') return refuseAudience(actor, client.clientId, audienceOf(client));
      const need = requiredLevel(minLevelOf(client), interaction.params.acr_values as string | undefined);
      if (caller.level < need) {
        await deps.audit.record({ ...actor, action: 'oidc.login.refused', subjectKind: 'oidc_client', subjectId: client.clientId, purpose: `Yêu cầu mức độ ${need}` });
        return finish(raw, { error: 'unmet_authentication_requirements', error_description: LEVEL2_HINT }, false);
      }
      if (!(await isLivingPerson(caller))) {
        await deps.audit.record({ ...actor, action: 'oidc.login.refused', subjectKind: 'oidc_client', subjectId: client.clientId, purpose: 'Tài khoản không còn hiệu lực' });
        return finish(raw, { error: 'access_denied', error_description: message('OIDC_ACCOUNT_INACTIVE') }, false);
      }
      const redirectTo = await finish(raw, {
        login: { accountId: String(caller.accountId), acr: ACR[caller.level], amr: ['pwd', 'mfa'], remember: true },
      }, false);
      await deps.audit.record({ ...actor, action: 'oidc.login', subjectKind: 'oidc_client', subjectId: client.clientId, purpose: `Đăng nhập một lần vào ${client.clientName ?? client.clientId}` });
      return redirectTo;
    },

    /**
     * Finishes the login prompt of a client for officers with the officer signed in to da06 now. No
     * consent step follows: the provider grants the officer scope to these clients (provider.ts).
     */
    async officerLogin(raw: Raw, uid: string, caller: OfficerCaller): Promise<string> {
      const interaction = await loadInteraction(raw, uid);
      checkPromptIs(interaction, 'login');
      const client = await loadClient(interaction);
      const actor = { actorKind: 'officer' as const, actorId: String(caller.officerId) };
      if (audienceOf(client) !== 'officer') return refuseAudience(actor, client.clientId, audienceOf(client));
      const redirectTo = await finish(raw, {
        login: { accountId: officerAccountId(caller.officerId), acr: OFFICER_ACR, amr: ['pwd'], remember: true },
      }, false);
      await deps.audit.record({ ...actor, action: 'oidc.login', subjectKind: 'oidc_client', subjectId: client.clientId, purpose: `Đăng nhập một lần vào ${client.clientName ?? client.clientId}` });
      return redirectTo;
    },

    /** Grants exactly what the request asks for, or refuses it (the client gets access_denied). */
    async consent(raw: Raw, uid: string, caller: CitizenCaller, approve: boolean): Promise<string> {
      const interaction = await loadInteraction(raw, uid);
      checkPromptIs(interaction, 'consent');
      checkSameAccount(interaction, caller);
      const client = await loadClient(interaction);
      const actor = { actorKind: 'citizen' as const, actorId: String(caller.accountId) };
      if (!approve) {
        await deps.audit.record({ ...actor, action: 'oidc.consent.denied', subjectKind: 'oidc_client', subjectId: client.clientId });
        return finish(raw, { error: 'access_denied', error_description: message('OIDC_CONSENT_DENIED') }, false);
      }
      const { details } = interaction.prompt as unknown as { details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
      const grant = interaction.grantId
        ? (await provider.Grant.find(interaction.grantId)) ?? new provider.Grant({ accountId: String(caller.accountId), clientId: client.clientId })
        : new provider.Grant({ accountId: String(caller.accountId), clientId: client.clientId });
      if (details.missingOIDCScope?.length) grant.addOIDCScope(details.missingOIDCScope.join(' '));
      if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      const redirectTo = await finish(raw, { consent: { grantId } });
      await deps.audit.record({
        ...actor, action: 'oidc.consent', subjectKind: 'oidc_client', subjectId: client.clientId,
        fields: claimsForScopes(details.missingOIDCScope ?? [], client), purpose: `Đồng ý chia sẻ thông tin với ${client.clientName ?? client.clientId}`,
      });
      return redirectTo;
    },
  };
}

export type InteractionService = ReturnType<typeof createInteractionService>;
