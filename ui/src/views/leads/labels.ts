// How lead values read on screen.
import type { DuplicateReason, Field, LeadColumn, LifecycleStage, LeadSort, OnDuplicate, TouchpointKind } from '../../lib/ipc';

export const stageLabels: Record<LifecycleStage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'Marketing-qualified',
  sql: 'Sales-qualified',
  opportunity: 'Opportunity',
  customer: 'Customer',
  disqualified: 'Disqualified',
};

export const stages = Object.keys(stageLabels) as LifecycleStage[];

export const touchpointLabels: Record<TouchpointKind, string> = {
  form_fill: 'Form fill',
  event_attended: 'Event attended',
  email_click: 'Email click',
  referral: 'Referral',
  walk_in: 'Walk-in',
  trade_show: 'Trade show',
  ad_click: 'Ad click',
  other: 'Other',
};

export const touchpointKinds = Object.keys(touchpointLabels) as TouchpointKind[];

/** Why two leads look like one person, as the form and the duplicates list say it. */
export const duplicateReasons: Record<DuplicateReason, string> = {
  email: 'same email',
  phone: 'same phone',
  name: 'similar name, same company',
};

export const sortLabels: Record<LeadSort, string> = { name: 'Name', created: 'Date added', updated: 'Last updated', score: 'Score' };

/** The list's columns beside the name, in the order they show. */
export const columnLabels: Record<LeadColumn, string> = {
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  job_title: 'Job title',
  stage: 'Stage',
  score: 'Score',
  owner: 'Owner',
  tags: 'Tags',
  source: 'Source',
  created: 'Added',
  updated: 'Updated',
};

export const allColumns = Object.keys(columnLabels) as LeadColumn[];

/** The lead fields a column of an imported file can fill, as the mapping step names them. */
export const fieldLabels: Record<Field, string> = {
  full_name: 'Name',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  website: 'Company website',
  industry: 'Company industry',
  company_size: 'Company size',
  job_title: 'Job title',
  owner: 'Owner',
  lifecycle_stage: 'Lifecycle stage',
  source: 'Source',
  campaign: 'Campaign',
  tags: 'Tags',
  notes: 'Notes',
  created_at: 'Created',
};

export const fields = Object.keys(fieldLabels) as Field[];

/** What an import does with a row whose lead exists. */
export const duplicateChoices: Record<OnDuplicate, string> = {
  skip: 'Skip the row',
  fill: 'Fill the lead’s empty fields',
  overwrite: 'Overwrite the lead’s fields',
  create: 'Create another lead',
};
