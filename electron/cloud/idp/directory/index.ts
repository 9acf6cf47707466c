/** The bundled IdPs' directories: users, groups, memberships, assignments, Okta Push Groups. */
export { directoryRoutes } from './routes.js';
export { DirectoryReader, DirectoryService, PUSH_GROUP_VENDORS } from './directory-service.js';
export type * from './types.js';
