import { addressesOfCsv } from './address-csv';

describe('addressesOfCsv', () => {
  it('reads the email column of a file with a header, any separator, quotes and duplicates', () => {
    const csv = '\uFEFFNom;Courriel;Ville\r\n"Martin; Claire";Claire.Martin@Example.org;Lyon\r\nDupont;pas-une-adresse;Paris\r\nBis;claire.martin@example.org;Lyon\r\n\r\n"Lefèvre";jeanne@example.fr;Nantes\r\n';
    expect(addressesOfCsv(csv)).toEqual({ addresses: ['claire.martin@example.org', 'jeanne@example.fr'], invalid: 1 });
  });

  it('reads the first column of a file without a header', () => {
    expect(addressesOfCsv('a@example.org,Alice\nb@example.org,Bob\n')).toEqual({ addresses: ['a@example.org', 'b@example.org'], invalid: 0 });
    expect(addressesOfCsv('a@example.org\nb@example.org')).toEqual({ addresses: ['a@example.org', 'b@example.org'], invalid: 0 });
  });

  it('stops at the maximum and reads nothing from an empty file', () => {
    expect(addressesOfCsv('email\na@x.org\nb@x.org\nc@x.org', 2).addresses).toEqual(['a@x.org', 'b@x.org']);
    expect(addressesOfCsv('')).toEqual({ addresses: [], invalid: 0 });
  });
});
