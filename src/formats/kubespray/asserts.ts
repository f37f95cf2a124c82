// kubespray's own checks of its settings before it installs anything (roles/validate_inventory): a variable of a
// fixed set of values (kube_network_plugin, dns_mode, kube_proxy_mode) set to another stops the run, and
// `kube_network_plugin: none` gets a warning. They are the format's validation, which plan-schema reports at the
// value in each file that sets it (the inventory's vars, a group_vars file): a value there is wrong even where a
// deeper group overrides it.
import { closest } from '../../core/suggest';
import { renderArg } from '../../core/message-args';
import type { SchemaProblem } from '../../schema/validate';
import { isTemplate } from '../../values/template';
import { KUBESPRAY_CHOICES } from './defaults';
import type { Vars } from './inventory';

/** The problems of the variables of one file: each set of variables is a group's, a host's, or a group_vars file's. */
export function kubesprayAsserts(sets: Iterable<Vars>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const vars of sets) {
    for (const { variable, allowed, allowedSource, warning } of KUBESPRAY_CHOICES) {
      const v = vars.get(variable);
      if (v === undefined || (typeof v.value === 'string' && isTemplate(v.value))) continue;
      const text = String(v.value);
      const written = typeof v.value === 'string' ? JSON.stringify(v.value) : text;
      if (warning?.value === text) {
        problems.push({ span: v.span, severity: 'warning', message: `${variable} is ${written}: ${warning.consequence} (kubespray warns: ${warning.source})` });
      } else if (allowed && !allowed.includes(text)) {
        const guess = closest(text, [...allowed]);
        const listed = allowed.map((a) => JSON.stringify(a)).join(', ');
        problems.push({
          span: v.span,
          message: `${variable} is ${written}, expected one of: ${listed} (kubespray stops on any other: ${allowedSource})${renderArg({ type: 'suggestion', meant: guess })}`,
        });
      }
    }
  }
  return problems;
}
