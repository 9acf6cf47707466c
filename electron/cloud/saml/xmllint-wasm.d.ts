/** The package ships no types; samlify only needs its validate function. */
declare module '@authenio/samlify-xmllint-wasm' {
  export function validate(xml: string): Promise<unknown>;
}
