import { Button, Field, Input, Link, Textarea } from '@fluentui/react-components';
import { AddRegular, HistoryRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useApi, useResource, type ProgramView } from '../api/index.js';
import { href, navigate } from '../routing/index.js';
import {
  EmptyState,
  Page,
  ReasonDialog,
  ResourceView,
  ScrollCell,
  ScrollRow,
  ScrollTable,
  StatusBadge,
} from '../ui/index.js';
import { pairingsCell, startsCell } from './program-list-cells.js';

function NewProgramDialog() {
  const api = useApi();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const nameMissing = tried && name.trim() === '';
  return (
    <ReasonDialog
      trigger={
        <Button appearance="primary" icon={<AddRegular />}>
          New program
        </Button>
      }
      title="New program"
      confirmLabel="Create"
      reason="none"
      validate={() => {
        setTried(true);
        return name.trim() !== '';
      }}
      onConfirm={async () => {
        const program = await api.send<ProgramView>('POST', '/api/programs', {
          name: name.trim(),
          description: description.trim(),
        });
        navigate({ name: 'admin-program', programId: program.id });
      }}
    >
      <Field
        label="Name"
        required
        validationState={nameMissing ? 'error' : 'none'}
        validationMessage={nameMissing ? 'Give the program a name.' : undefined}
      >
        <Input value={name} onChange={(_e, d) => setName(d.value)} />
      </Field>
      <Field label="Description" hint="Shown to employees next to the Enrol button.">
        <Textarea value={description} onChange={(_e, d) => setDescription(d.value)} />
      </Field>
    </ReasonDialog>
  );
}

/** Program admins: every program with its status and counts. */
export function AdminProgramsView() {
  const programs = useResource<ProgramView[]>('/api/programs');
  return (
    <Page
      title="Programs"
      subtitle="Cohorts you run"
      actions={
        <>
          <Button as="a" href={href({ name: 'admin-audit' })} icon={<HistoryRegular />}>
            Audit log
          </Button>
          <NewProgramDialog />
        </>
      }
    >
      <ResourceView
        resource={programs}
        label="Loading programs"
        empty={
          <EmptyState title="No programs yet">
            Create a program, set its rules and topics, then open it for enrolment.
          </EmptyState>
        }
      >
        {(data) => (
          <ScrollTable
            label="Programs table"
            width="narrow"
            columns={['Program', 'Status', 'Mentors', 'Leaders', 'Pairings', 'Starts']}
          >
            {data.map((p) => (
              <ScrollRow key={p.id}>
                <ScrollCell>
                  <Link href={href({ name: 'admin-program', programId: p.id })}>{p.name}</Link>
                </ScrollCell>
                <ScrollCell>
                  <StatusBadge status={p.status} />
                </ScrollCell>
                <ScrollCell>{p.counts.mentors}</ScrollCell>
                <ScrollCell>{p.counts.leaders}</ScrollCell>
                <ScrollCell>{pairingsCell(p.counts)}</ScrollCell>
                <ScrollCell>{startsCell(p.startsOn)}</ScrollCell>
              </ScrollRow>
            ))}
          </ScrollTable>
        )}
      </ResourceView>
    </Page>
  );
}
