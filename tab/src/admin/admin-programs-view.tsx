import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Link,
  makeStyles,
  TableCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, HistoryRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useApi, useResource, useSubmit, type ProgramView } from '../api/index.js';
import { href, navigate } from '../routing/index.js';
import {
  column,
  EmptyState,
  formatDate,
  Page,
  ProblemBar,
  ResourceView,
  ScrollTable,
  StatusBadge,
} from '../ui/index.js';

const useStyles = makeStyles({
  content: column(tokens.spacingVerticalM),
});

function NewProgramDialog() {
  const styles = useStyles();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useSubmit();

  const create = async () => {
    setTried(true);
    if (name.trim() === '') return;
    await run(async () => {
      const program = await api.send<ProgramView>('POST', '/api/programs', {
        name: name.trim(),
        description: description.trim(),
      });
      setOpen(false);
      navigate({ name: 'admin-program', programId: program.id });
    });
  };

  return (
    <Dialog open={open} onOpenChange={(_e, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" icon={<AddRegular />}>
          New program
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>New program</DialogTitle>
          <DialogContent className={styles.content}>
            {error !== undefined && <ProblemBar error={error} />}
            <Field
              label="Name"
              required
              validationState={tried && name.trim() === '' ? 'error' : 'none'}
              validationMessage={
                tried && name.trim() === '' ? 'Give the program a name.' : undefined
              }
            >
              <Input value={name} onChange={(_e, d) => setName(d.value)} />
            </Field>
            <Field label="Description" hint="Shown to employees next to the Enrol button.">
              <Textarea value={description} onChange={(_e, d) => setDescription(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button>Cancel</Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={busy} onClick={() => void create()}>
              Create
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
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
        isEmpty={(d) => d.length === 0}
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
              <TableRow key={p.id}>
                <TableCell>
                  <Link href={href({ name: 'admin-program', programId: p.id })}>{p.name}</Link>
                </TableCell>
                <TableCell>
                  <StatusBadge status={p.status} />
                </TableCell>
                <TableCell>{p.counts.mentors}</TableCell>
                <TableCell>{p.counts.leaders}</TableCell>
                <TableCell>{p.counts.pairings}</TableCell>
                <TableCell>{formatDate(p.startsOn)}</TableCell>
              </TableRow>
            ))}
          </ScrollTable>
        )}
      </ResourceView>
    </Page>
  );
}
