/** The admin's "Test Connection" of a provisioning target, vendor by vendor. */
import { randomUUID } from 'node:crypto';
import { InvalidError } from '../../domain-errors.js';
import type { NewProvisioningLogEntry } from '../../store/types.js';
import { requestBaseUrl } from './options.js';
import type { ProvisioningService } from './provisioning-service.js';
import { filterQuery, isOk, ScimClient, scimString, type ScimResponse } from './scim-client.js';
import { userAgentOf } from './vendor-state.js';

/**
 * Okta "Test API Credentials": GET /Users?startIndex=1&count=2 and GET /Groups?startIndex=1&count=100.
 * Entra "Test Connection": a user and a group that cannot exist. With `override`, tests what
 * the admin typed before saving it.
 */
export async function testConnection(
  svc: ProvisioningService,
  idpId: string,
  override: { baseUrl?: string; token?: string } = {},
) {
  const vendor = svc.vendorOf(idpId);
  const s = svc.settings(idpId);
  const baseUrl = override.baseUrl ?? s.baseUrl;
  const token = override.token ?? s.token;
  if (!baseUrl || !token) {
    throw new InvalidError(
      'provisioning_incomplete',
      'Give the SCIM Service Provider Endpoint (baseUrl) and a token to test.',
    );
  }
  let requestBase: string;
  try {
    requestBase = requestBaseUrl(baseUrl);
  } catch {
    throw new InvalidError('invalid_request', `baseUrl: not an absolute URL: ${baseUrl}`);
  }
  const entries: NewProvisioningLogEntry[] = [];
  const client = new ScimClient({
    baseUrl: requestBase,
    token,
    userAgent: userAgentOf(vendor),
    maxSockets: 1,
    now: () => svc.clock.now(),
    record: (e) => entries.push(e),
    timeoutMs: 15_000,
  });
  const meta = { operation: 'test-connection' };
  const calls: ScimResponse[] = [];
  try {
    if (vendor === 'entra' || vendor === 'ping') {
      const probe = randomUUID();
      calls.push(
        await client.get(`/Users?${filterQuery(`userName eq ${scimString(probe)}`)}`, meta),
      );
      if (vendor === 'entra' && isOk(calls[0]!)) {
        calls.push(
          await client.get(
            `/Groups?excludedAttributes=members&${filterQuery(`displayName eq ${scimString(probe)}`)}`,
            meta,
          ),
        );
      }
    } else {
      calls.push(await client.get('/Users?startIndex=1&count=2', meta));
      if (isOk(calls[0]!)) calls.push(await client.get('/Groups?startIndex=1&count=100', meta));
    }
  } finally {
    client.close();
    svc.appendLog(idpId, entries);
  }
  const failed = calls.find((c) => !isOk(c));
  return {
    ok: !failed,
    message: failed
      ? `The SCIM endpoint refused the test: ${failed.method} ${failed.path} answered ${failed.status === 0 ? 'nothing' : `HTTP ${failed.status}`}${failed.detail ? ` (${failed.detail})` : ''}.`
      : 'The SCIM endpoint and token were verified successfully.',
    calls: calls.map((c) => ({
      method: c.method,
      path: c.path,
      status: c.status,
      durationMs: c.durationMs,
      scimType: c.scimType,
      detail: c.detail,
    })),
  };
}
