/** Vocabulary used across families: cross-family banks and seniority-specific lines. */
import type { SharedBank } from './types';

export const SHARED_BANKS: Record<string, SharedBank> = {
  /** Product Manager and Product Marketing Manager both live around launches. */
  launch: {
    focus: ['product launches', 'customer insight', 'go-to-market', 'B2B SaaS', 'customer research', 'product adoption', 'competitive landscape'],
    does: [
      'partner closely with product and marketing on every launch',
      'stay close to customers to understand what they actually need',
      'care about how a product lands with customers, not just whether it ships',
      'spend time with sales and customer success to hear what customers really say',
      'think about the whole journey, from roadmap to launch to adoption',
    ],
    bullets: [
      'Coordinated the launch of new {domain} features with product, marketing, and sales, reaching {k}k customers in the first month',
      'Interviewed {num} customers about buying triggers and fed the findings into the product roadmap',
      'Presented the quarterly product roadmap to key customers and the sales team',
      'Worked on pricing and packaging for a new {domain} tier with finance and sales',
      'Built the launch checklist now used for every product release at {company}',
      'Ran a customer advisory board of {n} accounts to test ideas before launch',
      'Gathered feedback from {num} customers with sales and customer success after each release',
      'Wrote release notes and launch briefs for {n} product releases',
      'Defined launch tiers and success metrics with product and marketing leadership',
      'Ran a beta programme with {n} design partners ahead of general availability',
      'Tracked adoption in Amplitude after launch and shared a 30-day readout with the team',
      'Interviewed churned customers to find the gaps in both the product and the message',
    ],
    skills: [
      'Product Launches', 'Customer Insights', 'Go-to-Market', 'Pricing', 'Roadmapping', 'B2B SaaS', 'Customer Research',
      'Market Research', 'Competitive Analysis', 'Product Strategy',
    ],
  },
  /** DevOps Engineer and Site Reliability Engineer share most of their tooling. */
  infra: {
    focus: ['Kubernetes', 'Terraform', 'observability', 'on-call', 'cloud infrastructure', 'AWS'],
    does: [
      'spend a lot of time in Kubernetes, Terraform, and Grafana',
      'try to make on-call boring',
      'work with development teams on how their services behave in production',
      'automate anything I have to do twice',
    ],
    bullets: [
      'Upgraded {n} Kubernetes clusters across environments with no customer impact',
      'Wrote runbooks and on-call guides for {n} production services',
      'Set up Prometheus and Grafana monitoring for the {domain} platform',
      'Automated certificate and secret rotation across {n} AWS accounts',
      'Took part in a follow-the-sun on-call rotation for production infrastructure',
      'Codified networking and IAM in Terraform modules reused by {n} teams',
      'Ran game days and disaster recovery drills for the {domain} platform',
      'Migrated workloads from EC2 to EKS, cutting provisioning time by {pct}%',
      'Built a self-service platform so developers could spin up environments without tickets',
      'Tuned autoscaling for the {domain} services so traffic spikes no longer paged anyone',
    ],
    skills: ['Kubernetes', 'Terraform', 'AWS', 'Linux', 'Prometheus', 'Grafana', 'Docker', 'Python', 'Bash', 'Monitoring'],
  },
};

/** Bullets for senior and lead entries, in any family. */
export const LEAD_BULLETS: readonly string[] = [
  'Managed a team of {n} and ran weekly one-to-ones and quarterly growth conversations',
  'Hired {n} people and rebuilt the onboarding plan for new joiners',
  'Set quarterly goals for the team and reported progress to the leadership team',
  'Represented the team in budget planning and leadership meetings',
  'Coached {n} direct reports, two of whom were promoted within a year',
  'Mentored junior colleagues and ran an internal community of practice',
];

/** Bullets for junior entries, in any family. */
export const JUNIOR_BULLETS: readonly string[] = [
  'Joined through the graduate programme and took ownership of {n} recurring processes within six months',
  'Shadowed senior colleagues and picked up increasingly complex work',
  'Documented team processes that became part of onboarding for new hires',
];

export const GENERAL_SKILLS: readonly string[] = [
  'Communication', 'Teamwork', 'Problem Solving', 'Stakeholder Management', 'Microsoft Excel', 'Time Management',
  'Presentation Skills', 'Mentoring', 'Critical Thinking', 'Written Communication',
];

export const LEAD_SKILLS: readonly string[] = ['Leadership', 'People Management', 'Coaching', 'Strategic Planning', 'Hiring'];
