// `controlPlaneEndpoint`: `host[:port]`, where host is an IPv4 address, a DNS name, or an IPv6 address
// (in brackets when a port follows, as in a URL authority).
import { parseIp, writtenAsIp, type IpAddress, type Parsed } from './ip';

export interface Endpoint {
  host: string;
  /** Set when the host is an IP literal. */
  ip?: IpAddress;
  port?: number;
}

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

export function parseEndpoint(text: string): Parsed<Endpoint> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) return { ok: false, error: `the scheme "${scheme[0]}" is not part of an endpoint (kubeadm adds https:// itself)` };
  let host = text;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    [, host, portText] = bracketed;
  } else if (text.split(':').length === 2) {
    [host, portText] = text.split(':');
  }
  let port: number | undefined;
  if (portText === '') return { ok: false, error: 'the port after ":" is missing' };
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return { ok: false, error: `the port "${portText}" is not a port number from 1 to 65535` };
    }
    port = Number(portText);
  }
  if (host === '') return { ok: false, error: 'the host is missing' };
  if (writtenAsIp(host) || bracketed) {
    const ip = parseIp(host);
    if (!ip.ok) return { ok: false, error: `the host "${host}": ${ip.error}` };
    return { ok: true, value: { host, ip: ip.value, port } };
  }
  if (!DNS_NAME.test(host)) return { ok: false, error: `"${host}" is neither an IP address nor a valid DNS name` };
  return { ok: true, value: { host, port } };
}
