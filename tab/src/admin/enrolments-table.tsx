import {
  Button,
  Dropdown,
  Field,
  makeStyles,
  Option,
  SearchBox,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useResource, type EnrolmentView } from '../api/index.js';
import {
  column,
  EmptyState,
  formatDate,
  PersonSummary,
  reflowGrid,
  ResourceView,
  roleLabel,
  ScrollCell,
  ScrollRow,
  ScrollTable,
  StatusBadge,
  topicLabel,
} from '../ui/index.js';

const useStyles = makeStyles({
  filters: reflowGrid('200px', tokens.spacingHorizontalM),
  // Fluent's Dropdown has a fixed minimum width; here it fills its grid cell instead.
  dropdown: { minWidth: 0, width: '100%' },
  stack: column(tokens.spacingVerticalM),
});

const ROLE_OPTIONS = [
  { value: '', label: 'All roles' },
  { value: 'mentor', label: 'Mentors' },
  { value: 'leader', label: 'Leaders' },
];
const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  { value: 'active', label: 'Active' },
  { value: 'paused', label: 'Paused' },
  { value: 'left', label: 'Left' },
];

function FilterDropdown(props: {
  label: string;
  options: { value: string; label: string }[];
  value: string;
  onChange(v: string): void;
}) {
  const styles = useStyles();
  return (
    <Field label={props.label}>
      <Dropdown
        className={styles.dropdown}
        value={props.options.find((o) => o.value === props.value)?.label ?? ''}
        selectedOptions={[props.value]}
        onOptionSelect={(_e, d) => props.onChange(d.optionValue ?? '')}
      >
        {props.options.map((o) => (
          <Option key={o.value} value={o.value}>
            {o.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** Who enrolled, filterable by role, status and name (the server filters). */
export function EnrolmentsTable(props: { programId: string }) {
  const styles = useStyles();
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed), 300);
    return () => clearTimeout(t);
  }, [typed]);
  // Empty filters are left out rather than sent as `role=`, which a strict schema would reject.
  const query = new URLSearchParams(
    Object.entries({ role, status, q: q.trim() }).filter(([, v]) => v !== ''),
  ).toString();
  const enrolments = useResource<{ items: EnrolmentView[] }>(
    `/api/programs/${encodeURIComponent(props.programId)}/enrolments${query === '' ? '' : `?${query}`}`,
  );
  return (
    <div className={styles.stack}>
      <div className={styles.filters}>
        <FilterDropdown label="Role" options={ROLE_OPTIONS} value={role} onChange={setRole} />
        <FilterDropdown
          label="Status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={setStatus}
        />
        <Field label="Search">
          <SearchBox
            value={typed}
            placeholder="Name or department"
            onChange={(_e, d) => setTyped(d.value)}
          />
        </Field>
      </div>
      <ResourceView
        resource={enrolments}
        label="Loading enrolments"
        empty={
          query === '' ? (
            <EmptyState title="No one has enrolled yet" headingLevel={3}>
              People appear here when they enrol from their Home. To invite a list of people by
              email, use Invite people on this page: they see the invitation on their Home and
              appear here once they enrol.
            </EmptyState>
          ) : (
            <EmptyState
              title="No one matches these filters"
              headingLevel={3}
              action={
                <Button
                  onClick={() => {
                    setRole('');
                    setStatus('');
                    setTyped('');
                    setQ('');
                  }}
                >
                  Clear the filters
                </Button>
              }
            >
              Nobody enrolled in this program has that role, status or name.
            </EmptyState>
          )
        }
      >
        {(data) => (
          <ScrollTable
            label="Enrolments table"
            width="medium"
            size="small"
            columns={['Person', 'Role', 'Status', 'Topics', 'Enrolled']}
          >
            {data.items.map((e) => (
              <ScrollRow key={e.id}>
                <ScrollCell>
                  <PersonSummary person={e.person} size={32} />
                </ScrollCell>
                <ScrollCell>
                  {roleLabel(e.role)}
                  {e.suggestedRole !== null && e.suggestedRole !== e.role && ' (changed by them)'}
                </ScrollCell>
                <ScrollCell>
                  <StatusBadge status={e.status} />
                </ScrollCell>
                <ScrollCell>
                  {(e.role === 'mentor' ? e.topicsOffered : e.topicsWanted)
                    .map(topicLabel)
                    .join(', ') || '—'}
                </ScrollCell>
                <ScrollCell>{formatDate(e.createdAt)}</ScrollCell>
              </ScrollRow>
            ))}
          </ScrollTable>
        )}
      </ResourceView>
    </div>
  );
}
