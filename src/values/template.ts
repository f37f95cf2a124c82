// Values a templating step fills in before the file is used: Jinja and Ansible (`{{ }}`, `{% %}`), Go
// templates, shell and talenv variables (`${VAR}`, `$VAR` alone), makejinja's `#{ }#`, ERB (`<% %>`). Such a value
// says nothing yet: no rule judges it, and the plan counts it as unresolved.
const TEMPLATE = /\{\{|\{%|\$\{|^\$[A-Za-z_][A-Za-z0-9_]*$|#\{.*\}#|<%/;

export const isTemplate = (text: string): boolean => TEMPLATE.test(text);
