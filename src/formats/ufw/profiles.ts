// The names `ufw allow <name>` takes: application profiles (/etc/ufw/applications.d, installed by the
// packages: OpenSSH, Nginx, Apache, Postfix, Bind9) and service names of /etc/services (Debian's netbase).
// Each lists `port/protocol`, or a port alone for both TCP and UDP. A name in neither is unresolved.

/** Application profiles, by their case-sensitive names. */
export const APP_PROFILES: Readonly<Record<string, readonly string[]>> = {
  OpenSSH: ['22/tcp'],
  'Nginx Full': ['80/tcp', '443/tcp'],
  'Nginx HTTP': ['80/tcp'],
  'Nginx HTTPS': ['443/tcp'],
  Apache: ['80/tcp'],
  'Apache Full': ['80/tcp', '443/tcp'],
  'Apache Secure': ['443/tcp'],
  Postfix: ['25/tcp'],
  'Postfix SMTPS': ['465/tcp'],
  'Postfix Submission': ['587/tcp'],
  Bind9: ['53'],
  Samba: ['137/udp', '138/udp', '139/tcp', '445/tcp'],
};

/** Service names from /etc/services. */
export const SERVICE_NAMES: Readonly<Record<string, readonly string[]>> = {
  ftp: ['21/tcp'],
  ssh: ['22/tcp'],
  telnet: ['23/tcp'],
  smtp: ['25/tcp'],
  domain: ['53'],
  http: ['80/tcp'],
  kerberos: ['88'],
  pop3: ['110/tcp'],
  ntp: ['123/udp'],
  imap2: ['143/tcp'],
  snmp: ['161'],
  bgp: ['179/tcp'],
  ldap: ['389/tcp'],
  https: ['443'],
  submission: ['587/tcp'],
  ldaps: ['636/tcp'],
  imaps: ['993/tcp'],
  pop3s: ['995/tcp'],
  mysql: ['3306/tcp'],
  'ms-wbt-server': ['3389/tcp'],
  postgresql: ['5432/tcp'],
};
