// The built-in rules, in a stable order: the order they run in, and spend the time budget in. The façade
// (src/linter) gives them to the engine; what the engine reports itself (yaml-syntax, resource-limit,
// rule-crash, the directive rules) is the engine's own (src/engine/own-rules).
import type { Rule } from '../src/rule-kinds/rule';
import addressOutsideNodeNetwork from './address-outside-node-network';
import cidrHostBits from './cidr-host-bits';
import cidrOverlap from './cidr-overlap';
import clusterDnsPlacement from './cluster-dns-placement';
import controlPlaneMissing from './control-plane-missing';
import deprecatedKey from './deprecated-key';
import dhcpAddress from './dhcp-address';
import dualStackMismatch from './dual-stack-mismatch';
import duplicateAddress from './duplicate-address';
import duplicateHostname from './duplicate-hostname';
import duplicateMac from './duplicate-mac';
import endpointPlacement from './endpoint-placement';
import etcdMemberCount from './etcd-member-count';
import hostGwNeedsL2 from './host-gw-needs-l2';
import invalidAddress from './invalid-address';
import invalidCidr from './invalid-cidr';
import invalidEndpoint from './invalid-endpoint';
import invalidHostname from './invalid-hostname';
import invalidMac from './invalid-mac';
import ipForwardDisabled from './ip-forward-disabled';
import nodeAddressInClusterCidr from './node-address-in-cluster-cidr';
import nodeUnreachable from './node-unreachable';
import nodeWithoutAddress from './node-without-address';
import placeholderAddress from './placeholder-address';
import planSchema from './plan-schema';
import podBlockTooSmall from './pod-block-too-small';
import podCidrSize from './pod-cidr-size';
import routeGatewayUnreachable from './route-gateway-unreachable';
import serviceCidrSize from './service-cidr-size';
import apiserverUnreachable from './apiserver-unreachable';
import etcdUnreachable from './etcd-unreachable';
import kubeletUnreachable from './kubelet-unreachable';
import controlPlanePortUnreachable from './control-plane-port-unreachable';
import cniTrafficBlocked from './cni-traffic-blocked';
import etcdPublic from './etcd-public';
import kubeletPublic from './kubelet-public';
import kubeletReadonlyOpen from './kubelet-readonly-open';
import kubeletUnrestricted from './kubelet-unrestricted';
import overlayPublic from './overlay-public';
import localPortExposed from './local-port-exposed';
import apiserverPublic from './apiserver-public';
import nodeportPublic from './nodeport-public';
import servicePublic from './service-public';
import serviceUnreachable from './service-unreachable';
import allPortsPublic from './all-ports-public';
import ipv6ExposureGap from './ipv6-exposure-gap';
import nodeportRangeConflict from './nodeport-range-conflict';
import invalidPort from './invalid-port';
import cniProtocolConfusion from './cni-protocol-confusion';
import portProtocolMismatch from './port-protocol-mismatch';
import firewallRuleShadowed from './firewall-rule-shadowed';
import firewallUnknownReference from './firewall-unknown-reference';
import importConflict from './import-conflict';
import importUnresolved from './import-unresolved';
import inputSyntax from './input-syntax';
import firewallNoTarget from './firewall-no-target';
import noFirewall from './no-firewall';

export const RULES: readonly Rule[] = [
  planSchema,
  invalidHostname,
  duplicateHostname,
  invalidMac,
  duplicateMac,
  invalidAddress,
  duplicateAddress,
  nodeWithoutAddress,
  addressOutsideNodeNetwork,
  invalidCidr,
  cidrHostBits,
  cidrOverlap,
  nodeAddressInClusterCidr,
  podCidrSize,
  podBlockTooSmall,
  serviceCidrSize,
  dualStackMismatch,
  invalidEndpoint,
  controlPlaneMissing,
  etcdMemberCount,
  dhcpAddress,
  placeholderAddress,
  routeGatewayUnreachable,
  nodeUnreachable,
  ipForwardDisabled,
  endpointPlacement,
  clusterDnsPlacement,
  hostGwNeedsL2,
  apiserverUnreachable,
  etcdUnreachable,
  kubeletUnreachable,
  controlPlanePortUnreachable,
  cniTrafficBlocked,
  serviceUnreachable,
  etcdPublic,
  kubeletPublic,
  kubeletReadonlyOpen,
  kubeletUnrestricted,
  overlayPublic,
  localPortExposed,
  apiserverPublic,
  nodeportPublic,
  servicePublic,
  allPortsPublic,
  ipv6ExposureGap,
  nodeportRangeConflict,
  invalidPort,
  cniProtocolConfusion,
  portProtocolMismatch,
  firewallRuleShadowed,
  firewallUnknownReference,
  firewallNoTarget,
  noFirewall,
  importConflict,
  importUnresolved,
  inputSyntax,
  deprecatedKey,
];
