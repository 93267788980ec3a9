import { decoyPasswordHash, generatePassword, hashPassword, needsRehash, parsePasswordHash, PASSWORD_PARAMS, verifyPassword } from './password';

describe('passwords', () => {
  it('stores scrypt with its parameters, a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const parsed = parsePasswordHash(stored);
    expect(parsed).toMatchObject({ N: 32768, r: 8, p: 1 });
    expect(parsed?.salt).toHaveLength(16);
    expect(parsed?.hash).toHaveLength(32);
    expect(needsRehash(stored)).toBe(false);
  });

  it('verifies the right password, refuses a wrong one, and salts every hash', async () => {
    const first = await hashPassword('motdepasse-très-long');
    const second = await hashPassword('motdepasse-très-long');
    expect(first).not.toBe(second);
    await expect(verifyPassword('motdepasse-très-long', first)).resolves.toBe(true);
    await expect(verifyPassword('motdepasse-très-long', second)).resolves.toBe(true);
    await expect(verifyPassword('motdepasse-tres-long', first)).resolves.toBe(false);
    await expect(verifyPassword('', first)).resolves.toBe(false);
  });

  it('treats the two Unicode spellings of an accented password as one', async () => {
    const stored = await hashPassword('caf\u00e9-crème-2024');
    await expect(verifyPassword('cafe\u0301-crème-2024', stored)).resolves.toBe(true);
  });

  it('reads the parameters from the stored hash, so older and cheaper hashes still verify and ask for a rehash', async () => {
    const cheap = await hashPassword('ancien mot de passe', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('ancien mot de passe', cheap)).resolves.toBe(true);
    await expect(verifyPassword('autre', cheap)).resolves.toBe(false);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(cheap, { N: 1024, r: 8, p: 1 })).toBe(false);
  });

  it('refuses malformed, foreign or abusive hashes without throwing', async () => {
    const good = await hashPassword('x', { N: 1024, r: 8, p: 1 });
    const [, , , , salt, hash] = good.split('$');
    for (const bad of [
      '',
      'plaintext',
      `bcrypt$1024$8$1$${salt}$${hash}`,
      `scrypt$1000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$8$1$${salt}$${hash}`, // 16 GiB of memory: refused, not attempted
      `scrypt$1024$0$1$${salt}$${hash}`,
      `scrypt$1024$8$99$${salt}$${hash}`,
      `scrypt$01024$8$1$${salt}$${hash}`,
      `scrypt$1024$8$1$${salt.slice(0, 8)}$${hash}`, // salt too short
      `scrypt$1024$8$1$${salt}$${hash.slice(0, 20)}`, // key too short
      `scrypt$1024$8$1$${salt}$${hash}$extra`,
      `scrypt$1024$8$1$sa=lt$${hash}`,
    ]) {
      expect(parsePasswordHash(bad)).toBeNull();
      await expect(verifyPassword('x', bad)).resolves.toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
    expect(parsePasswordHash(good)).not.toBeNull();
  });

  it('has a decoy hash with the current parameters that no password is likely to match', async () => {
    const decoy = await decoyPasswordHash();
    expect(parsePasswordHash(decoy)).toMatchObject(PASSWORD_PARAMS);
    await expect(decoyPasswordHash()).resolves.toBe(decoy);
    await expect(verifyPassword('', decoy)).resolves.toBe(false);
  });

  it('generates readable random passwords', () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(50);
    expect(generatePassword(32)).toHaveLength(32);
  });
});
