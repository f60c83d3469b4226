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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { ApiError, useApi, useResource, type ProgramView } from '../api/index.js';
import { href, navigate } from '../routing/index.js';
import {
  EmptyState,
  formatDate,
  Page,
  ProblemBar,
  ResourceView,
  StatusBadge,
} from '../ui/index.js';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { minWidth: '560px' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

function NewProgramDialog() {
  const styles = useStyles();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);

  const create = async () => {
    setTried(true);
    if (name.trim() === '') return;
    setBusy(true);
    setError(undefined);
    try {
      const program = await api.send<ProgramView>('POST', '/api/programs', {
        name: name.trim(),
        description: description.trim(),
      });
      setOpen(false);
      navigate({ name: 'admin-program', programId: program.id });
    } catch (cause) {
      if (cause instanceof ApiError) setError(cause);
      else throw cause;
    } finally {
      setBusy(false);
    }
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
  const styles = useStyles();
  const programs = useResource<ProgramView[]>('/api/programs');
  return (
    <Page title="Programs" subtitle="Cohorts you run" actions={<NewProgramDialog />}>
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
          <div className={styles.scroll} role="region" aria-label="Programs table" tabIndex={0}>
            <Table className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Program</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Mentors</TableHeaderCell>
                  <TableHeaderCell>Leaders</TableHeaderCell>
                  <TableHeaderCell>Pairings</TableHeaderCell>
                  <TableHeaderCell>Starts</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
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
              </TableBody>
            </Table>
          </div>
        )}
      </ResourceView>
    </Page>
  );
}
