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

  resolve(raw: string): string {
    const key = keyOf(raw);
    let name = this.byKey.get(key);
    if (name === undefined) {
      name = detachString(raw.trim().replace(/\s+/g, ' '));
      this.byKey.set(detachString(key), name);
    }
    return name;
  }
}

function keyOf(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
