// The built-in input formats, in the order they are asked whether a document is theirs.
import { clusterPlan } from './clusterplan';
import { firewalld } from './firewalld';
import type { InputFormat } from './input-format';
import { iptables } from './iptables';
import { k3sAnsible } from './k3s-ansible';
import { kubeadm } from './kubeadm';
import { kubespray, kubesprayHostVars, kubesprayVars } from './kubespray';
import { nftables } from './nftables';
import { k3s, rke2 } from './rancher';
import { talhelper, talhelperEnv, talhelperPatch } from './talhelper';
import { talos } from './talos';
import { terraform } from './terraform';
import { ufw } from './ufw';

export const BUILTIN_FORMATS: readonly InputFormat[] = [
  clusterPlan,
  talhelper,
  talos,
  kubeadm,
  k3sAnsible,
  kubespray,
  k3s,
  rke2,
  firewalld,
  ufw,
  nftables,
  iptables,
  terraform,
  kubesprayVars,
  kubesprayHostVars,
  talhelperEnv,
  talhelperPatch,
];
