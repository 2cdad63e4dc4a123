/**
 * How a rule describes itself to the outside (CLI flags, reminders, dialogs asking for dates),
 * separately from how it computes.
 */

export interface RuleInputSpec {
  /** The key in the rule's input object. */
  name: string;
  /** The CLI flag, without the leading `--`. */
  flag: string;
  type: 'date' | 'boolean' | 'integer';
  required: boolean;
  description: string;
}

export interface RuleSpec {
  id: string;
  summary: string;
  /** Where the rule comes from: guidebook section, statute, checked source. */
  sources: readonly string[];
  inputs: readonly RuleInputSpec[];
}

/** An input of type `date` that must be given. */
export function requiredDate(name: string, description: string, flag = name): RuleInputSpec {
  return { name, flag, type: 'date', required: true, description };
}
