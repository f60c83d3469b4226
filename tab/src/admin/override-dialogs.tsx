import {
  Button,
  Dropdown,
  Field,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Option,
} from '@fluentui/react-components';
import { MoreHorizontalRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { PersonCard, ProposedPairView } from '../api/index.js';
import { ReasonDialog } from '../ui/index.js';

export type OverrideKind = 'pin' | 'forbid' | 'remove' | 'swap';

export interface OverrideRequest {
  kind: OverrideKind;
  mentorId: string;
  leaderId?: string;
  reason: string;
}

const copy: Record<OverrideKind, { label: string; title: string; body: string }> = {
  pin: {
    label: 'Pin this pair',
    title: 'Pin this pair?',
    body: 'Matching keeps this pair whenever it runs again.',
  },
  forbid: {
    label: 'Never pair these two',
    title: 'Never pair these two?',
    body: 'Matching re-solves without this pair; both may get other partners.',
  },
  remove: {
    label: 'Leave the mentor out',
    title: 'Leave the mentor out of this round?',
    body: 'The mentor is listed as left out by an admin, with your reason.',
  },
  swap: {
    label: 'Swap the leader',
    title: 'Pair the mentor with another leader?',
    body: 'The chosen pair is pinned and matching re-solves the rest.',
  },
};

/** The overrides for one proposed pair; each asks for a reason, which lands in the audit log. */
export function PairOverrides(props: {
  pair: ProposedPairView;
  leaders: PersonCard[];
  onOverride(request: OverrideRequest): Promise<void>;
}) {
  const { pair } = props;
  const [open, setOpen] = useState<OverrideKind | undefined>();
  const [leaderId, setLeaderId] = useState<string | undefined>();
  const others = props.leaders.filter((l) => l.id !== pair.leader.id);
  const name = `${pair.mentor.displayName} and ${pair.leader.displayName}`;

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button
            appearance="subtle"
            icon={<MoreHorizontalRegular />}
            aria-label={`Change the pair ${name}`}
          />
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {(['pin', 'forbid', 'remove', 'swap'] as const)
              .filter((k) => !(k === 'pin' && pair.pinned))
              .filter((k) => !(k === 'swap' && others.length === 0))
              .map((k) => (
                <MenuItem key={k} onClick={() => setOpen(k)}>
                  {copy[k].label}
                </MenuItem>
              ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      {open !== undefined && (
        <ReasonDialog
          key={open}
          defaultOpen
          onClosed={() => setOpen(undefined)}
          title={copy[open].title}
          confirmLabel={copy[open].label}
          reasonLabel="Reason (kept in the audit log)"
          canConfirm={open !== 'swap' || leaderId !== undefined}
          onConfirm={async (reason) => {
            await props.onOverride({
              kind: open,
              mentorId: pair.mentor.id,
              leaderId: open === 'swap' ? leaderId : pair.leader.id,
              reason,
            });
          }}
        >
          {copy[open].body}
          {open === 'swap' && (
            <Field label="New leader" required>
              <Dropdown
                placeholder="Choose a leader"
                onOptionSelect={(_e, d) => setLeaderId(d.optionValue)}
              >
                {others.map((l) => (
                  <Option key={l.id} value={l.id} text={l.displayName}>
                    {l.displayName}
                    {l.jobTitle !== null ? `, ${l.jobTitle}` : ''}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          )}
        </ReasonDialog>
      )}
    </>
  );
}
