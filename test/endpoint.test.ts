// parseEndpoint: what `controlPlaneEndpoint` accepts (kubeadm's host[:port], IPv6 in brackets before a
// port) and why it refuses the rest.
import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../src/values/endpoint';
import { parseIp } from '../src/values/ip';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('parseEndpoint', () => {
  it.each([
    ['192.168.10.5', { host: '192.168.10.5', ip: ip('192.168.10.5') }],
    ['192.168.10.5:6443', { host: '192.168.10.5', ip: ip('192.168.10.5'), port: 6443 }],
    ['api.example.com', { host: 'api.example.com' }],
    ['API.Example.com.:443', { host: 'API.Example.com.', port: 443 }],
    ['[2001:db8::5]:6443', { host: '2001:db8::5', ip: ip('2001:db8::5'), port: 6443 }],
    ['[2001:db8::5]', { host: '2001:db8::5', ip: ip('2001:db8::5') }],
    // Without brackets every colon belongs to the address, as in kubeadm (SplitHostPort fails, ParseIP succeeds).
    ['2001:db8::5:6443', { host: '2001:db8::5:6443', ip: ip('2001:db8::5:6443') }],
  ])('accepts %s', (text, value) => {
    expect(parseEndpoint(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'the host is missing'],
    [':6443', 'the host is missing'],
    ['192.168.10.5:', 'the port after ":" is missing'],
    ['[2001:db8::5]:', 'the port after ":" is missing'],
    ['192.168.10.5:0', 'the port "0" is not a port number from 1 to 65535'],
    ['192.168.10.5:65536', 'the port "65536" is not a port number from 1 to 65535'],
    ['192.168.10.5:64a', 'the port "64a" is not a port number from 1 to 65535'],
    ['192.168.10.256:6443', 'the host "192.168.10.256": an octet is greater than 255'],
    ['192.168.10:6443', 'the host "192.168.10": not a valid IPv4 address (expected four dot-separated numbers)'],
    ['[api.example.com]:6443', 'the host "api.example.com": not a valid IPv4 address (expected four dot-separated numbers)'],
    ['api_1.example.com:6443', '"api_1.example.com" is neither an IP address nor a valid DNS name'],
    ['https://api.example.com:6443', 'the scheme "https://" is not part of an endpoint (kubeadm adds https:// itself)'],
  ])('refuses %j', (text, error) => {
    expect(parseEndpoint(text)).toEqual({ ok: false, error });
  });
});
