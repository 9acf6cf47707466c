/**
 * Test helpers for SAML sign-in over real HTTP: the cloud as shipped (its own SAML IdP and SP
 * routes; nothing served by the test), and a fetch-only driver for the browser part (login page,
 * credentials, auto-submitting form, ACS).
 */
import { parse } from 'node-html-parser';
import type { PendingLogin } from '../../electron/cloud/auth/types.js';
import type { RunningCloud } from '../../electron/cloud/cloud.js';
import type { CloudServices } from '../../electron/cloud/services.js';
import { pkcePair } from '../../electron/connector/auth/pkce.js';
import { LOOPBACK_REDIRECT } from '../../electron/connector/browser-port.js';
import type { IdpConfig } from '../../shared/model/idp.js';
import { startTestCloud } from './cloud.js';
import type { CloudOptions } from '../../electron/cloud/cloud.js';

export interface SamlTestCloud {
  cloud: RunningCloud;
  /** The context the SAML routes run with (its baseUrl is where they are served). */
  ctx: CloudServices;
  /** Where the SAML IdP, SP and SAML admin routes answer. */
  baseUrl: string;
  close(): Promise<void>;
}

export async function startSamlTestCloud(
  options: Partial<CloudOptions> = {},
): Promise<SamlTestCloud> {
  const cloud = await startTestCloud(options);
  return { cloud, ctx: cloud.context, baseUrl: cloud.baseUrl, close: () => cloud.close() };
}

export interface StartedLogin {
  loginUrl: string;
  /** The AuthnRequest ID (also the RelayState). */
  requestId: string;
  pending: PendingLogin;
  codeVerifier: string;
}

/** Starts an SP-initiated sign-in as the connector does, through the cloud's connector API. */
export async function startLogin(
  t: SamlTestCloud,
  idp: IdpConfig,
  username: string,
): Promise<StartedLogin> {
  const pkce = pkcePair();
  const pending: PendingLogin = {
    username,
    deviceId: 'device-saml-test',
    redirectUri: LOOPBACK_REDIRECT,
    state: `state-${Math.random().toString(36).slice(2)}`,
    codeChallenge: pkce.challenge,
  };
  const res = await fetch(`${t.cloud.baseUrl}/api/connector/login/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(pending),
  });
  const body = (await res.json()) as { loginUrl?: string };
  if (!res.ok || !body.loginUrl)
    throw new Error(`login/start: ${res.status} ${JSON.stringify(body)}`);
  const loginUrl = body.loginUrl;
  // The cloud discovers the IdP from the username's domain: make sure it is the one meant.
  if (!new URL(loginUrl).pathname.includes(`/${idp.id}/`))
    throw new Error(`login/start chose another IdP than ${idp.name}: ${loginUrl}`);
  const requestId = new URL(loginUrl).searchParams.get('RelayState')!;
  return { loginUrl, requestId, pending, codeVerifier: pkce.verifier };
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

/** The first form of a page (or the one with a password field), with its inputs' values. */
export function readForm(html: string, pageUrl: string): HtmlForm | undefined {
  const doc = parse(html);
  const forms = doc.querySelectorAll('form');
  const form = forms.find((f) => f.querySelector('input[type=password]')) ?? forms[0];
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    if (name) fields[name] = input.getAttribute('value') ?? '';
  }
  return {
    action: new URL(form.getAttribute('action') ?? pageUrl, pageUrl).toString(),
    method: (form.getAttribute('method') ?? 'get').toUpperCase(),
    fields,
  };
}

export const alertText = (html: string) => parse(html).querySelector('[role=alert]')?.text.trim();

export const postForm = (url: string, fields: Record<string, string | undefined>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(
      Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString(),
    redirect: 'manual',
  });

export interface BrowserRun {
  loginPage: string;
  /** The auto-submitting form the IdP answered with (SAMLResponse, RelayState, ACS URL). */
  autoPost: HtmlForm;
  /** The ACS answer. */
  acs: Response;
  /** Where the ACS sent the browser (302 Location), if it did. */
  location?: URL;
}

/** The browser part of a sign-in: login page, credentials, auto-submit form, ACS. */
export async function runBrowser(
  loginUrl: string,
  username: string,
  password: string,
): Promise<BrowserRun> {
  const page = await fetch(loginUrl);
  const loginPage = await page.text();
  if (page.status !== 200) throw new Error(`login page: ${page.status} ${loginPage}`);
  const form = readForm(loginPage, loginUrl)!;
  const answer = await postForm(form.action, { ...form.fields, username, password });
  const html = await answer.text();
  const autoPost = readForm(html, form.action);
  if (answer.status !== 200 || !autoPost?.fields.SAMLResponse) {
    throw new Error(`credentials: ${answer.status} ${alertText(html) ?? html.slice(0, 300)}`);
  }
  const acs = await postForm(autoPost.action, autoPost.fields);
  const location = acs.headers.get('location');
  return { loginPage, autoPost, acs, location: location ? new URL(location) : undefined };
}

export async function exchangeCode(t: SamlTestCloud, code: string, codeVerifier: string) {
  const res = await fetch(`${t.cloud.baseUrl}/api/connector/login/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, codeVerifier }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
}
