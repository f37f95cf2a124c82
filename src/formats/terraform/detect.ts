// Which texts are Terraform files with firewalls: a `.tf` file (or a text without a name) with a `resource`
// block of a kind this format reads at the start of a line. Terraform's JSON syntax (`.tf.json`) is not read.
/** The resource types this format reads (read.ts has a reader for each). */
export const RESOURCE_TYPES = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'hcloud_firewall',
  'google_compute_firewall',
  'openstack_networking_secgroup_v2',
  'openstack_networking_secgroup_rule_v2',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

const RESOURCE = new RegExp(`^[ \\t]*resource[ \\t]+"(${RESOURCE_TYPES.join('|')})"`, 'm');

/** Whether a text has a resource this format reads, by its lines alone. */
export const looksLikeTerraform = (text: string): boolean => RESOURCE.test(text);

export const isTerraformFile = (text: string, filePath?: string): boolean => (filePath === undefined || /\.tf$/i.test(filePath)) && looksLikeTerraform(text);
