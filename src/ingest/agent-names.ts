import type { Config } from '../config/config-schema.js';
import { detachString } from '../domain/detach-string.js';

/**
 * Agent names as SPEC §3 compares them: trimmed, case-insensitive, and config `agents` aliases
 * ("Иванова И.", "ivanova@corp.ru", "101") mapped to one name. The first spelling met is the one
 * shown, unless config names the agent.
 */
export class AgentNames {
  private readonly byKey = new Map<string, string>();

  constructor(config: Config) {
    for (const [name, aliases] of Object.entries(config.agents ?? {})) {
      for (const alias of [name, ...aliases]) this.byKey.set(keyOf(alias), name.trim());
    }
  }

  /** raw cell text → name, so a spelling repeated on a million rows is normalised once (bounded) */
  private readonly byRaw = new Map<string, string>();

  resolve(raw: string): string {
    const known = this.byRaw.get(raw);
    if (known !== undefined) return known;
    const key = keyOf(raw);
    let name = this.byKey.get(key);
    if (name === undefined) {
      name = detachString(raw.trim().replace(/\s+/g, ' '));
      this.byKey.set(detachString(key), name);
    }
    if (this.byRaw.size < 65_536) this.byRaw.set(detachString(raw), name);
    return name;
  }
}

function keyOf(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
