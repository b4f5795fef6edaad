import { describe, expect, it } from 'vitest';
import { DatasetError, validateJobsFile, validateProfilesFile } from '../../src/data/validate';
import { profileToText } from '../../src/data/profileText';
import { sampleProfile } from '../helpers/fixtures';

const sampleJob = { id: 'j1', title: 'PM', text: 'Own the roadmap.', role: 'Product Manager', family: 'Product', relevant: { 'Product Manager': 2 } };

describe('dataset validation', () => {
  it('accepts a valid file', () => {
    expect(validateProfilesFile({ profiles: [sampleProfile] })).toEqual([sampleProfile]);
    expect(validateJobsFile({ jobs: [sampleJob] })[0].role).toBe('Product Manager');
  });

  it('names the path of the first bad value', () => {
    const bad = { ...sampleProfile, experience: [{ ...sampleProfile.experience[0], title: 42 }] };
    expect(() => validateProfilesFile({ profiles: [sampleProfile, { ...bad, id: 'p2' }] })).toThrow(
      '$.profiles[1].experience[0]: expected text in "title", got number 42',
    );
  });

  it('rejects wrong shapes with clear messages', () => {
    expect(() => validateProfilesFile([])).toThrow(DatasetError);
    expect(() => validateProfilesFile({ profiles: [] })).toThrow(/empty/);
    expect(() => validateProfilesFile({ profiles: [{ ...sampleProfile, yearsExperience: -1 }] })).toThrow(/non-negative/);
    expect(() => validateProfilesFile({ profiles: [{ ...sampleProfile, label: { ...sampleProfile.label, seniority: 'boss' } }] })).toThrow(
      /seniority must be one of/,
    );
    expect(() => validateProfilesFile({ profiles: [sampleProfile, sampleProfile] })).toThrow(/duplicate id "p1"/);
    expect(() => validateJobsFile({ jobs: [{ ...sampleJob, relevant: { 'Product Manager': 3 } }] })).toThrow(/must be 1 or 2/);
    expect(() => validateJobsFile({ jobs: [{ ...sampleJob, relevant: { Other: 2 } }] })).toThrow(/own role/);
  });
});

describe('profileToText', () => {
  it('includes what a recruiter reads but never the name, location or label', () => {
    const text = profileToText(sampleProfile);
    expect(text).toContain('Growth PM');
    expect(text).toContain('Product Manager at Acme. roadmap discovery backlog prioritisation');
    expect(text).toContain('Skills: roadmap, discovery, backlog, prioritisation.');
    expect(text).not.toContain('Ada Park');
    expect(text).not.toContain('Lisbon');
    expect(text).not.toContain('mid');
  });
});
