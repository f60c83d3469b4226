import { useState } from 'react';
import {
  useApi,
  useSubmit,
  type EnrolInput,
  type EnrolmentView,
  type ProgramView,
  type Role,
  type SuggestedRole,
} from '../api/index.js';
import { navigate } from '../routing/index.js';
import { useNotify } from '../ui/index.js';

export const SLOTS = [
  { key: 'morning', label: 'Morning', startMinutes: 9 * 60, endMinutes: 12 * 60 },
  { key: 'afternoon', label: 'Afternoon', startMinutes: 13 * 60, endMinutes: 17 * 60 },
] as const;

export type SlotKey = `${number}-${(typeof SLOTS)[number]['key']}`;

function preferredTimesOf(slots: SlotKey[]): EnrolInput['preferredTimes'] {
  return slots.flatMap((key) => {
    const [day, part] = key.split('-');
    const slot = SLOTS.find((s) => s.key === part);
    return slot === undefined
      ? []
      : [{ weekday: Number(day), startMinutes: slot.startMinutes, endMinutes: slot.endMinutes }];
  });
}

/** Items chosen from a list of checkboxes (topics, time slots), and how a checkbox changes them. */
export interface Choice<T extends string> {
  value: T[];
  toggle(item: T, on: boolean): void;
}

function useChoice<T extends string>(): Choice<T> {
  const [value, setValue] = useState<T[]>([]);
  const toggle = (item: T, on: boolean) =>
    setValue((v) => (on ? [...v, item] : v.filter((x) => x !== item)));
  return { value, toggle };
}

/** The enrolment form's state and its submit: the render (enrol-view.tsx) only lays it out. */
export function useEnrolForm(program: ProgramView, suggestion: SuggestedRole | undefined) {
  const api = useApi();
  const notify = useNotify();
  const eligible: Role[] = suggestion?.eligibleRoles ?? ['mentor', 'leader'];
  // The suggestion stands until the person picks; it may arrive after the form first shows.
  const [chosenRole, setRole] = useState<Role | undefined>();
  const role = chosenRole ?? suggestion?.suggestedRole ?? undefined;
  const offered = useChoice<string>();
  const wanted = useChoice<string>();
  const slots = useChoice<SlotKey>();
  const [goals, setGoals] = useState('');
  const { busy, error, run } = useSubmit();

  const corrected =
    role !== undefined && suggestion?.suggestedRole != null && role !== suggestion.suggestedRole;

  const submit = async () => {
    if (role === undefined) return;
    const body: EnrolInput = {
      role,
      topicsOffered: offered.value,
      topicsWanted: wanted.value,
      preferredTimes: preferredTimesOf(slots.value),
      goals: goals.trim(),
    };
    await run(async () => {
      await api.send<EnrolmentView>(
        'POST',
        `/api/programs/${encodeURIComponent(program.id)}/enrolments`,
        body,
      );
      notify(`You are enrolled in ${program.name}`);
      navigate({ name: 'home' });
    });
  };

  return {
    eligible,
    role,
    setRole,
    corrected,
    offered,
    wanted,
    slots,
    goals,
    setGoals,
    busy,
    error,
    submit,
  };
}

export type EnrolFormState = ReturnType<typeof useEnrolForm>;
