/** Each action's step title, as an admin or a support engineer would say it. */
import { describeExpected } from './labels.js';
import type { Action } from './schema.js';

const by = (b: { minutes?: number; hours?: number; days?: number }) =>
  [b.days && `${b.days} d`, b.hours && `${b.hours} h`, b.minutes && `${b.minutes} min`]
    .filter(Boolean)
    .join(' ');

const onOff = (v: boolean) => (v ? 'on' : 'off');

function describeSet(set: Record<string, unknown>): string {
  const names: Record<string, string> = {
    enabled: 'SSO',
    scimSyncEnabled: 'Enabled for SCIM Sync',
    scimAttributesForPolicy: 'Enabled for SCIM Attributes for Policy',
    samlAttributesForPolicy: 'SAML Attributes for Policy',
    scimRateLimitEnabled: 'SCIM rate limit',
  };
  return Object.entries(set)
    .map(([k, v]) =>
      typeof v === 'boolean' ? `${names[k] ?? k} ${onOff(v)}` : `${k} = ${JSON.stringify(v)}`,
    )
    .join(', ');
}

export function describeAction(a: Action): string {
  if (a.title) return a.title;
  switch (a.do) {
    case 'createIdp':
      return `Add the ${a.vendor} ${a.protocol.toUpperCase()} IdP "${a.name}" for ${a.domains.join(', ')}`;
    case 'patchIdp':
      return `${a.idp}: ${describeSet(a.set)}`;
    case 'generateScimToken':
      return `${a.idp}: Generate New Token (copied once)`;
    case 'configureProvisioning': {
      const parts = [
        a.pasteEndpoint && 'paste the SCIM Service Provider Endpoint',
        a.token === 'latest' && 'paste the new token',
        a.token === 'wrong' && 'paste a token the cloud never issued',
        a.vendorOptions && `options ${JSON.stringify(a.vendorOptions)}`,
        a.enabled !== undefined && `provisioning ${onOff(a.enabled)}`,
      ].filter(Boolean);
      return `At the IdP ${a.idp}: ${parts.join(', ')}`;
    }
    case 'createUser':
      return `At the IdP ${a.idp}: create ${a.userName}${a.groups.length ? ` in ${a.groups.join(', ')}` : ''}`;
    case 'assign':
      return `At the IdP ${a.idp}: assign ${[...a.users, ...a.groups.map((g) => `group "${g}"`)].join(', ')} to the application`;
    case 'unassign':
      return `At the IdP ${a.idp}: unassign ${a.user ?? `group "${a.group}"`}`;
    case 'pushGroup':
      return `At the IdP ${a.idp}: Push Groups "${a.group}"`;
    case 'provisionUser':
      return `At the IdP ${a.idp}: Provision User ${a.user}`;
    case 'restartProvisioning':
      return `At the IdP ${a.idp}: Restart provisioning`;
    case 'updateUser':
      return `At the IdP ${a.idp}: ${a.user}'s department becomes ${a.department}`;
    case 'deactivateUser':
      return `At the IdP ${a.idp}: deactivate ${a.user}`;
    case 'reactivateUser':
      return `At the IdP ${a.idp}: reactivate ${a.user}`;
    case 'rotateCertificate':
      return `${a.idp}: the IdP's signing certificate changes`;
    case 'setIdpClockSkew':
      return a.seconds === 0
        ? `The IdP ${a.idp}'s clock is set right (NTP)`
        : `The IdP ${a.idp}'s clock is ${Math.abs(a.seconds)} s ${a.seconds > 0 ? 'ahead' : 'behind'}`;
    case 'replaceIdp':
      return `${a.idp}: the IdP is changed to a new one (new certificate) sending ${a.nameId === 'same' ? 'the same' : 'a different'} NameID`;
    case 'createAccessRule':
      return `Access rule: ${a.app}:${a.port} only for the SCIM group "${a.scimGroup.group}"`;
    case 'advanceClock':
      return `The clock moves on ${by(a.by)}`;
    case 'waitForProvisioning':
      if (a.logStatus !== undefined)
        return `The IdP's provisioning log shows ${a.logStatus} answers`;
      if (a.quarantined !== undefined)
        return `The IdP's provisioning job is ${a.quarantined ? '' : 'not '}in quarantine`;
      return `The IdP ${a.idp} reports ${a.user ?? `group "${a.group}"`}: ${a.state}`;
    case 'expectScimUser':
      return a.active === null
        ? `${a.user} is not in the cloud's SCIM database`
        : `${a.user} is in the cloud's SCIM database, active=${a.active}`;
    case 'signIn':
      return `${a.user} signs in to the Client Connector${a.as ? ` as ${a.as}` : ''}`;
    case 'openApp':
      return `${a.user} opens ${a.app}:${a.port}`;
    case 'retry':
      return `${a.user} clicks Retry`;
    case 'signOut':
      return `${a.user} logs out of the Client Connector`;
    case 'authenticate':
      return `${a.user} clicks Authenticate`;
    case 'expectClient':
      return `${a.user}'s client shows ${describeExpected(a.expect)}`;
  }
}
