/** Something that hands out a bearer token for Graph, cached by the implementation. */
export interface TokenProvider {
  getToken(): Promise<string>;
}
