import {
  Body1,
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
import { useResource, type ProposedPairView, type SwapCandidatesView } from '../api/index.js';
import { ReasonDialog, ResourceView } from '../ui/index.js';
import { ScoreParts } from './score-parts.js';

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

/**
 * The leaders the server will accept for this mentor, best first with their score parts: the
 * list comes from the rules, so no choice here is refused after the admin picks it.
 */
function SwapLeaderField(props: {
  runId: string;
  mentorId: string;
  onPick(leaderId: string | undefined): void;
}) {
  const candidates = useResource<SwapCandidatesView>(
    `/api/match-runs/${encodeURIComponent(props.runId)}/swap-candidates?mentorId=${encodeURIComponent(props.mentorId)}`,
  );
  return (
    <ResourceView
      resource={candidates}
      label="Finding leaders this mentor can be paired with"
      empty={
        <Body1>
          No other leader meets every rule for this mentor (reporting line, level gap, shared
          working hours).
        </Body1>
      }
    >
      {(data) => (
        <Field
          label="New leader"
          required
          hint="Only leaders the rules allow, best match first. A leader already paired is moved."
        >
          <Dropdown
            placeholder="Choose a leader"
            onOptionSelect={(_e, d) => props.onPick(d.optionValue)}
          >
            {data.items.map((c) => (
              <Option key={c.leader.id} value={c.leader.id} text={c.leader.displayName}>
                <div>
                  <Body1>
                    {c.leader.displayName}
                    {c.leader.jobTitle !== null ? `, ${c.leader.jobTitle}` : ''} · score{' '}
                    {c.score.toFixed(2)}
                    {c.currentMentor === null ? '' : ` · now with ${c.currentMentor.displayName}`}
                  </Body1>
                  <ScoreParts parts={c.scoreParts} />
                </div>
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
    </ResourceView>
  );
}

/** The overrides for one proposed pair; each asks for a reason, which lands in the audit log. */
export function PairOverrides(props: {
  pair: ProposedPairView;
  runId: string;
  onOverride(request: OverrideRequest): Promise<void>;
}) {
  const { pair } = props;
  const [open, setOpen] = useState<OverrideKind | undefined>();
  const [leaderId, setLeaderId] = useState<string | undefined>();
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
            <SwapLeaderField runId={props.runId} mentorId={pair.mentor.id} onPick={setLeaderId} />
          )}
        </ReasonDialog>
      )}
    </>
  );
}
