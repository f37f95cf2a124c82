// The CLI on Terraform files, as users run it: the built bundle in a child process (npm run build first), which
// loads the HCL parser's WebAssembly from beside itself (dist/) only when it meets a Terraform file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from './support/cli-process';

const INPUTS = join('fixtures', 'inputs', 'terraform');

describe('kube-netlint on Terraform files (process)', () => {
  it('lints a .tf file named on the command line through the plan that imports it, at the lines of the .tf file', () => {
    const r = run([join(INPUTS, 'broken-exposure', 'sg.tf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(join(INPUTS, 'broken-exposure', 'sg.tf'));
    expect(r.stdout).toMatch(
      /^ {3}11:3 {2}error {4}tcp 1\.0\.0\.0 → "server-1" .*rule "aws_security_group\.k3s ingress #2" \(2\) of security group .*etcd-public$/m,
    );
    expect(r.stdout).toMatch(/^ {3}98:1 {2}error {4}rule "aws_vpc_security_group_ingress_rule\.everything" .*all-ports-public$/m);
  });

  it('stays silent on the correct kubeadm and k3s security groups', () => {
    expect(run([join(INPUTS, 'kubeadm-correct', 'hosts.yaml'), join(INPUTS, 'k3s-correct', 'hosts.yaml')])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads a Terraform file on standard input when --stdin-filename names it .tf, and prints the plan it imports into', () => {
    const sg =
      'resource "aws_security_group" "k8s" {\n  ingress {\n    from_port   = 2379\n    to_port     = 2380\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n';
    expect(run(['--stdin', '--stdin-filename', 'sg.tf', '--format', 'json'], { input: sg }).code).toBe(0);
    const printed = run(['--print-plan', join(INPUTS, 'kubeadm-correct', 'hosts.yaml')], { cwd: ROOT });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('name: aws_security_group.k8s_master');
    expect(printed.stdout).toContain('type: security-group');
  });
});
