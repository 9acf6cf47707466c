/**
 * samlify, ready to use: it refuses to parse anything until a schema validator is set
 * (ERR_INVALID_XML otherwise), so every module that uses samlify imports it from here.
 */
import * as validator from '@authenio/samlify-xmllint-wasm';
import * as samlify from 'samlify';

samlify.setSchemaValidator(validator);

export { samlify };
