// Which texts are Terraform files with firewalls: a `.tf` file (or a text without a name) with a `resource`
// block of a kind this format reads at the start of a line. Terraform's JSON syntax (`.tf.json`) is not read.
import { RESOURCE_READERS } from './read';

const RESOURCE = new RegExp(`^[ \\t]*resource[ \\t]+"(${Object.keys(RESOURCE_READERS).join('|')})"`, 'm');

/** Whether a text has a resource this format reads, by its lines alone. */
export const looksLikeTerraform = (text: string): boolean => RESOURCE.test(text);

export const isTerraformFile = (text: string, filePath?: string): boolean => (filePath === undefined || /\.tf$/i.test(filePath)) && looksLikeTerraform(text);
