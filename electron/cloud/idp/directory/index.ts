/** The bundled IdPs' directories: users, groups, memberships, assignments, Okta Push Groups. */
export { directoryRoutes } from './routes.js';
export { DirectoryService, PUSH_GROUP_VENDORS } from './directory-service.js';
export { DirectoryReader } from './reader.js';
export type * from './types.js';
