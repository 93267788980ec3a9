import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from './config/config';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const rows = new Map(
    readme
      .split('\n')
      .filter((line) => /^\| `[A-Z_]+` \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map(([, name, required, byDefault, meaning]) => [name.replaceAll('`', ''), { required, byDefault: byDefault.replaceAll('`', ''), meaning }]),
  );

  it('documents every environment variable as CONFIG_VARIABLES does', () => {
    expect([...rows.keys()]).toEqual(CONFIG_VARIABLES.map((variable) => variable.name));
    for (const variable of CONFIG_VARIABLES) {
      const row = rows.get(variable.name);
      expect({ name: variable.name, ...row }).toEqual({
        name: variable.name,
        required: variable.requiredWhen === 'never' ? 'no' : variable.requiredWhen,
        byDefault: variable.default ?? (variable.name === 'PORT' ? 'per app' : ''),
        meaning: variable.description,
      });
    }
  });
});
