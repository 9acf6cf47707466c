/**
 * The admin token, kept in this tab's session storage only (gone when the tab closes, never in
 * a URL or a cookie), and sent as a bearer token by the API client.
 */
const TOKEN_KEY = 'privateAccessCloud.adminToken';

export const adminToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};
