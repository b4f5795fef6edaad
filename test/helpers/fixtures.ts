import type { JobDescription, Profile } from '../../src/data/schema';

export function makeProfile(id: string, role: string, words: string, extra: Partial<Profile> = {}): Profile {
  return {
    id,
    name: `Person ${id}`,
    headline: `${role} · ${words.split(' ').slice(0, 3).join(' ')}`,
    location: 'Lisbon',
    yearsExperience: 5,
    summary: words,
    experience: [{ title: role, company: 'Acme', period: '2020 – present', bullets: [words] }],
    skills: words.split(' ').slice(0, 4),
    education: 'BSc',
    label: { role, family: role.includes('Marketing') ? 'Marketing' : 'Product', seniority: 'mid' },
    ...extra,
  };
}

export const sampleProfile: Profile = makeProfile('p1', 'Product Manager', 'roadmap discovery backlog prioritisation', {
  name: 'Ada Park',
  headline: 'Growth PM',
});

export const fixtureProfiles: Profile[] = [
  makeProfile('pm1', 'Product Manager', 'roadmap backlog discovery prioritisation engineers'),
  makeProfile('pmm1', 'Product Marketing Manager', 'positioning messaging launch go-to-market enablement'),
  makeProfile('acc1', 'Accountant', 'ledger reconciliation audit tax close'),
  makeProfile('pm2', 'Product Manager', 'roadmap experiments discovery metrics'),
  makeProfile('evil', 'Accountant', '<img src=x onerror="alert(1)"> ledger audit', { name: '<b>Bold</b> Name' }),
];

export const fixtureJobs: JobDescription[] = [
  { id: 'j1', title: 'Senior PM, payments', text: 'Own the roadmap and backlog, run discovery.', role: 'Product Manager', family: 'Product', relevant: { 'Product Manager': 2 } },
  { id: 'j2', title: 'Launch lead', text: 'Positioning, messaging and launch plans.', role: 'Product Marketing Manager', family: 'Marketing', relevant: { 'Product Marketing Manager': 2 } },
];
