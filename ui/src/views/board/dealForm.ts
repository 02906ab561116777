// The deal form's text fields and their conversion to what Rust validates.
import type { Deal, DealInput } from '../../lib/ipc';
import { fromMinor, toMinor } from '../../lib/format';

export type DealFormState = {
  title: string;
  value: string;
  currency: string;
  expected_close: string;
  probability: string;
  owner: string;
  pipeline_id: string;
  stage_id: string;
};

export function formOf(deal: Deal): DealFormState {
  return {
    title: deal.title,
    value: fromMinor(deal.value_minor, deal.currency),
    currency: deal.currency,
    expected_close: deal.expected_close ?? '',
    probability: deal.probability_override === null ? '' : String(deal.probability_override),
    owner: deal.owner ?? '',
    pipeline_id: deal.pipeline_id,
    stage_id: deal.stage_id,
  };
}

/** What Rust gets; a value that is not a number at all is refused here, beside its field. */
export function inputOf(form: DealFormState, leadId: string): DealInput | { field: string; message: string } {
  const value = form.value.trim() === '' ? 0 : toMinor(form.value, form.currency.trim().toUpperCase() || 'EUR');
  if (value === null) return { field: 'value_minor', message: `“${form.value}” is not an amount` };
  const probability = form.probability.trim();
  if (probability !== '' && !/^-?\d+$/.test(probability)) return { field: 'probability', message: 'must be a whole number from 0 to 100' };
  return {
    title: form.title,
    lead_id: leadId,
    value_minor: value,
    currency: form.currency,
    expected_close: form.expected_close.trim() === '' ? null : form.expected_close,
    probability: probability === '' ? null : Number(probability),
    owner: form.owner.trim() === '' ? null : form.owner,
    pipeline_id: form.pipeline_id,
    stage_id: form.stage_id,
  };
}
