import { IdpPicker } from '../components/IdpPicker';
import { ProvisioningProgress } from '../components/ProvisioningProgress';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';
import { ProvisioningSetup } from './provisioning/ProvisioningSetup';
import { ProvisioningStatusSection } from './provisioning/ProvisioningStatusSection';

function Provisioning() {
  const { api, idp } = useConsole();
  const id = idp?.id ?? null;
  const config = useLoad(id, () =>
    api.call('provisioningConfig', {
      params: { id: id! },
    }),
  );
  const status = useLoad(id, () =>
    api.call('provisioningStatus', {
      params: { id: id! },
    }),
  );
  const reload = () => {
    config.reload();
    status.reload();
  };
  if (!idp) return <IdpPicker />;
  return (
    <>
      <IdpPicker />
      {config.data ? (
        <ProvisioningSetup
          key={`${idp.id}|${config.data.updatedAt}`}
          idp={idp}
          config={config.data}
          onSaved={reload}
        />
      ) : null}
      <ProvisioningProgress idpId={idp.id} />
      {status.data ? (
        <ProvisioningStatusSection idp={idp} status={status.data} onChanged={status.reload} />
      ) : null}
    </>
  );
}

export const provisioningPage: ConsolePage = {
  id: 'provisioning',
  title: 'Provisioning (IdP side)',
  description:
    "The IdP's SCIM push to this cloud, as set up in Okta, Entra or Ping: endpoint and token, options, status.",
  Component: Provisioning,
};
