export { href, navigate, parseRoute, type Route, type RouteName } from './routes.js';
export { useRoute } from './use-route.js';
