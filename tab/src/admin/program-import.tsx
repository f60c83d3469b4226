import {
  Body1,
  Button,
  Card,
  Checkbox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Textarea,
} from '@fluentui/react-components';
import { PeopleAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useApi, useSubmit, type ImportResultView, type ProgramView } from '../api/index.js';
import { layoutStyles, ProblemBar, useNotify } from '../ui/index.js';

const useStyles = makeStyles(layoutStyles);

/**
 * Invite a list of people by email (CSV with an email column, or one address a line). They are
 * invited, never enrolled: each confirms in the tab. All or nothing unless unknown addresses may
 * be skipped.
 */
export function ProgramImport(props: { program: ProgramView }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const [csv, setCsv] = useState('');
  const [skipUnknown, setSkipUnknown] = useState(false);
  const [result, setResult] = useState<ImportResultView | undefined>();
  const { busy, error, run } = useSubmit();
  const open = props.program.status === 'draft' || props.program.status === 'enrolling';

  const readFile = async (file: File | undefined) => {
    if (file !== undefined) setCsv(await file.text());
  };
  const invite = () =>
    run(async () => {
      const answer = await api.send<ImportResultView>(
        'POST',
        `/api/programs/${encodeURIComponent(props.program.id)}/imports`,
        { csv, skipUnknown },
      );
      setResult(answer);
      setCsv('');
      notify(`${answer.invited} ${answer.invited === 1 ? 'person' : 'people'} invited`);
    });

  if (!open) {
    return (
      <Body1 className={styles.muted}>
        Invitations are sent while the program is a draft or enrolling.
      </Body1>
    );
  }
  return (
    <Card className={styles.card}>
      {error !== undefined && <ProblemBar error={error} />}
      {result !== undefined && (
        <MessageBar intent="success">
          <MessageBarBody>
            {result.invited} invited · {result.alreadyInvited} already invited ·{' '}
            {result.alreadyEnrolled} already enrolled
            {result.unknownEmails.length > 0 &&
              ` · not in the directory: ${result.unknownEmails.join(', ')}`}
          </MessageBarBody>
        </MessageBar>
      )}
      <Body1>
        People on the list get a Teams message and see the program on their Home. Nobody is enrolled
        until they choose to.
      </Body1>
      <Field label="CSV file" hint="A column named email, or one address a line">
        {(fieldProps) => (
          <input
            {...fieldProps}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        )}
      </Field>
      <Field label="Or paste the addresses">
        <Textarea
          value={csv}
          onChange={(_e, d) => setCsv(d.value)}
          resize="vertical"
          rows={4}
          placeholder={'email\nalex@contoso.com'}
        />
      </Field>
      <Checkbox
        checked={skipUnknown}
        onChange={(_e, d) => setSkipUnknown(d.checked === true)}
        label="Invite the addresses we know even if some are not in the directory"
      />
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<PeopleAddRegular />}
          disabled={busy || csv.trim() === ''}
          onClick={() => void invite()}
        >
          Send invitations
        </Button>
      </div>
    </Card>
  );
}
