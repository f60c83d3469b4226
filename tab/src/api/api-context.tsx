import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './api-client.js';

const ApiContext = createContext<ApiClient | undefined>(undefined);

export function ApiProvider(props: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={props.client}>{props.children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (client === undefined) throw new Error('useApi() needs an <ApiProvider> above it');
  return client;
}
