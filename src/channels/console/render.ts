/** Renders neutral messages for a terminal: numbered choices, dates as YYYY-MM-DD. */
import type { Choice, OutboundMessage } from '../../messages.ts';

export interface TerminalView {
  lines: string[];
  /** The choices shown, in the order of their numbers (1-based on screen). */
  choices: Choice<string>[];
}

export function renderForTerminal(messages: OutboundMessage[]): TerminalView {
  const lines: string[] = [];
  const choices: Choice<string>[] = [];
  const numbered = (list: Choice<string>[]) => {
    for (const choice of list) {
      choices.push(choice);
      lines.push(`  ${choices.length}) ${choice.label}`);
    }
  };
  for (const message of messages) {
    switch (message.kind) {
      case 'text':
        lines.push(message.text);
        break;
      case 'choices':
        lines.push(message.prompt);
        numbered(message.choices);
        break;
      case 'date': {
        const range = [message.min && `≥ ${message.min}`, message.max && `≤ ${message.max}`]
          .filter(Boolean)
          .join(', ');
        lines.push(`${message.prompt} [YYYY-MM-DD${range ? `, ${range}` : ''}]`);
        numbered(message.choices ?? []);
        break;
      }
      case 'card':
        lines.push(`┌ ${message.title}`);
        for (const line of message.lines) lines.push(`│ ${line}`);
        for (const button of message.buttons) {
          if (button.kind === 'postback') numbered([{ label: button.label, payload: button.payload }]);
          else
            lines.push(
              `│ ${button.kind === 'call' ? '☎' : '🔗'} ${button.label}: ${button.kind === 'call' ? button.tel : button.url}`,
            );
        }
        lines.push('└');
        break;
      case 'checklist':
        lines.push(message.title);
        for (const item of message.items) lines.push(`  ☐ ${item}`);
        break;
      case 'call':
        lines.push(`☎ ${message.label}: ${message.tel}`);
        break;
      case 'link':
        lines.push(`🔗 ${message.label}: ${message.url}`);
        break;
    }
  }
  return { lines, choices };
}
