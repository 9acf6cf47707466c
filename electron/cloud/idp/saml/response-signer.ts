/**
 * Signs a rendered Response with the IdP's samlify entity (RSA-SHA256, exclusive C14N, enveloped
 * signatures placed after the Issuer): the Assertion, the Response, or both (the Assertion first,
 * so the Response signature covers the signed Assertion).
 */
import { loadSamlify, type Samlify } from '../../saml/samlify.js';
import { BINDING_POST } from '../../saml/xml.js';
import { renderIdpMetadata, type IdpMetadataParams } from './metadata.js';

export type SignMode = 'both' | 'assertion' | 'response' | 'none';

export interface Signer extends IdpMetadataParams {
  privateKeyPem: string;
}

/** samlify entities parse their metadata; keep the few in use (one per IdP and key). */
const idpEntities = new Map<string, ReturnType<typeof Samlify.IdentityProvider>>();

function idpEntity(samlify: typeof Samlify, signer: Signer) {
  const metadata = renderIdpMetadata(signer);
  const cacheKey = `${metadata}\n${signer.privateKeyPem}`;
  let idp = idpEntities.get(cacheKey);
  if (!idp) {
    idp = samlify.IdentityProvider({ metadata, privateKey: signer.privateKeyPem });
    if (idpEntities.size >= 32) idpEntities.delete(idpEntities.keys().next().value!);
    idpEntities.set(cacheKey, idp);
  }
  return idp;
}

/** Returns the signed XML. */
export async function signResponseXml(
  xml: string,
  signer: Signer,
  mode: SignMode,
  sp: { entityId: string; acsUrl: string },
): Promise<string> {
  if (mode === 'none') return xml;
  const samlify = await loadSamlify();
  const serviceProvider = samlify.ServiceProvider({
    entityID: sp.entityId,
    assertionConsumerService: [{ Binding: BINDING_POST, Location: sp.acsUrl }],
    wantAssertionsSigned: mode !== 'response',
    wantMessageSigned: mode !== 'assertion',
  });
  const result = await idpEntity(samlify, signer).createLoginResponse(
    serviceProvider,
    { extract: {} },
    'post',
    {},
    { customTagReplacement: () => ({ id: '', context: xml }) },
  );
  return Buffer.from(result.context, 'base64').toString('utf8');
}
