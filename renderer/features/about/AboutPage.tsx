import { useEffect } from 'react';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import { Code } from '../../components/Code';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { useActions, useBusy, useConnector } from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';

/** More → About: versions, the app policy, the cloud and this device. */
export function AboutPage({
  snapshot,
  signedIn,
}: {
  snapshot: ConnectorSnapshot;
  signedIn: boolean;
}) {
  const { loadAbout, call } = useActions();
  const about = useConnector((s) => s.about);
  const error = useConnector((s) => s.errors.getAbout ?? s.errors.updatePolicy ?? null);
  const updating = useBusy('updatePolicy');

  useEffect(() => {
    void loadAbout();
  }, [loadAbout]);

  const rows: [string, string | null | undefined][] = [
    ['App Version', about?.appVersion],
    ['App Policy', `Policy version ${about?.policyVersion ?? snapshot.policyVersion}`],
    ['Cloud', about?.cloudUrl ?? snapshot.cloudUrl],
    ['Device ID', about?.deviceId ?? snapshot.deviceId],
    ['Host', about ? (about.host === 'electron' ? 'Desktop app (Electron)' : 'Web shell') : null],
    ['Electron', about?.electronVersion],
    ['Chromium', about?.chromeVersion],
    ['Node.js', about?.nodeVersion],
    ['Platform', about?.platform],
  ];

  return (
    <>
      <PageHeader title="About" lead="Client Connector for Private Access." />
      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title" className="card__title">
          Versions and policy
        </h2>
        <dl className="kv">
          {rows
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([k, v]) => (
              <div className="kv__row" key={k}>
                <dt>{k}</dt>
                <dd>
                  {k === 'App Policy' ? (
                    <div className="kv__value-line kv__value-line--start">
                      <span>{v}</span>
                      <Button
                        icon="refresh"
                        busy={updating}
                        disabled={!signedIn}
                        onClick={() => void call('updatePolicy')}
                      >
                        Update Policy
                      </Button>
                    </div>
                  ) : k === 'Cloud' || k === 'Device ID' ? (
                    <Code>{v!}</Code>
                  ) : (
                    v
                  )}
                </dd>
              </div>
            ))}
        </dl>
      </section>
      <section className="card" aria-labelledby="sign-in-methods-title">
        <h2 id="sign-in-methods-title" className="card__title">
          Sign-in methods
        </h2>
        <p>{SIGN_IN_METHODS_TEXT.saml}</p>
        <p>{SIGN_IN_METHODS_TEXT.oidc}</p>
      </section>
      {error ? (
        <ErrorPanel code={error.code} detail={error.message} at={error.at} live className="card" />
      ) : null}
    </>
  );
}

/**
 * Which real deployment each sign-in stands for (domain.md §7): Private Access user SSO is SAML,
 * so the OIDC sign-in must not be taken for it.
 */
const SIGN_IN_METHODS_TEXT = {
  saml: 'SAML sign-in is Private Access user SSO as the real service does it: SAML 2.0, started by the client (SP-initiated), with Okta, Entra ID or PingFederate as the identity provider.',
  oidc: 'OIDC sign-in is not plain Private Access user SSO, which is SAML only. It stands for deployments that put an OIDC identity layer in front of Private Access, such as Zscaler ZIdentity federating to an OIDC identity provider.',
} as const;
