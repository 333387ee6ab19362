/** Where a request came from, for throttling and the access log. */
export interface ClientSource {
  /** the client's address (as Express's req.ip knows it); null from the command line */
  address: string | null;
  /** api, web or cli */
  interface: 'api' | 'web' | 'cli';
}

/** An IPv4 client seen through an IPv6 socket (`::ffff:10.0.0.1`) is the IPv4 address. */
export function normaliseAddress(address: string | undefined | null): string | null {
  if (!address) return null;
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').slice(0, 64);
}
