/**
 * samlify, ready to use: it refuses to parse anything until a schema validator is set
 * (ERR_INVALID_XML otherwise), so every module that uses samlify loads it from here. Loaded on
 * the first SAML use, not at start: samlify and its XML stack take about as long to import as
 * the rest of the cloud, and most starts never see a SAML sign-in.
 */
import type * as Samlify from 'samlify';

export type { Samlify };

let loading: Promise<typeof Samlify> | undefined;

export function loadSamlify(): Promise<typeof Samlify> {
  loading ??= (async () => {
    const [samlify, validator] = await Promise.all([
      import('samlify'),
      import('@authenio/samlify-xmllint-wasm'),
    ]);
    samlify.setSchemaValidator(validator);
    return samlify;
  })();
  return loading;
}
