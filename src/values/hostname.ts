// Node names: lower-case RFC 1123 subdomains, as kubelet and kubeadm validate them.
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why `name` is not a valid node name, or undefined when it is. */
export function hostnameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (/[A-Z]/.test(name)) {
    // Suggest the lower-case name only when that alone makes it valid.
    const lower = name.toLowerCase();
    const rest = hostnameProblem(lower);
    return rest ? `it has upper-case letters, and ${rest}` : `it has upper-case letters (use "${lower}")`;
  }
  if (name.length > 253) return `it is ${name.length} characters long (at most 253)`;
  const labels = name.split('.');
  for (const label of labels) {
    if (label.length === 0) return 'it has an empty label (a leading, trailing or double dot)';
    if (label.length > 63) return `the label "${label.slice(0, 20)}…" is ${label.length} characters long (at most 63)`;
    if (!LABEL.test(label)) {
      const bad = label.match(/[^-a-z0-9]/);
      if (bad) return `it contains "${bad[0]}" (only a-z, 0-9, "-" and "." are allowed)`;
      return `the label "${label}" starts or ends with "-"`;
    }
  }
  // The name is also the value of the kubernetes.io/hostname label, capped at 63 characters.
  if (name.length > 63) return `it is ${name.length} characters long, but the kubernetes.io/hostname label holds at most 63`;
  return undefined;
}
