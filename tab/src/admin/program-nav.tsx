import { makeStyles, Tab, TabList } from '@fluentui/react-components';
import { href, type Route } from '../routing/index.js';

const useStyles = makeStyles({ tabs: { flexWrap: 'wrap' } });

type Section =
  | 'admin-program'
  | 'admin-match'
  | 'admin-bookings'
  | 'admin-rematches'
  | 'admin-guide'
  | 'admin-insights'
  | 'admin-outcomes'
  | 'admin-report';

/** The program's own sub-navigation: settings, matching, bookings, rematches, guide, insights, outcomes, report. */
export function ProgramNav(props: { programId: string; current: Section }) {
  const styles = useStyles();
  const go = (name: Section) => {
    const route: Route = { name, programId: props.programId };
    window.location.hash = href(route);
  };
  return (
    <nav aria-label="Program">
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={props.current}
        onTabSelect={(_e, data) => go(data.value as Section)}
      >
        <Tab value="admin-program">Settings and people</Tab>
        <Tab value="admin-match">Matching</Tab>
        <Tab value="admin-bookings">Bookings</Tab>
        <Tab value="admin-rematches">Rematches</Tab>
        <Tab value="admin-guide">Guide</Tab>
        <Tab value="admin-insights">Insights</Tab>
        <Tab value="admin-outcomes">Outcomes</Tab>
        <Tab value="admin-report">Report</Tab>
      </TabList>
    </nav>
  );
}
