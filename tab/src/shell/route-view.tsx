import { lazy } from 'react';
import type { Me } from '../api/index.js';
import { HomeView } from '../employee/index.js';
import type { Host } from '../host/index.js';
import type { Route } from '../routing/index.js';
import { EmptyState, HomeButton, Page } from '../ui/index.js';

// Home is in the first load; the other employee views come as one chunk when first opened.
const employee = () => import('../employee/secondary-views.js');
const EnrolView = lazy(() => employee().then((m) => ({ default: m.EnrolView })));
const PairingView = lazy(() => employee().then((m) => ({ default: m.PairingView })));
const SessionView = lazy(() => employee().then((m) => ({ default: m.SessionView })));
const NotificationsView = lazy(() => employee().then((m) => ({ default: m.NotificationsView })));
const SettingsView = lazy(() => employee().then((m) => ({ default: m.SettingsView })));
const MeetingView = lazy(() => employee().then((m) => ({ default: m.MeetingView })));
const ConfigView = lazy(() => employee().then((m) => ({ default: m.ConfigView })));

// Admin views are a separate chunk: most people never open them, and the first load stays small.
const admin = () => import('../admin/index.js');
const AdminProgramsView = lazy(() => admin().then((m) => ({ default: m.AdminProgramsView })));
const ProgramAdminView = lazy(() => admin().then((m) => ({ default: m.ProgramAdminView })));
const MatchReviewView = lazy(() => admin().then((m) => ({ default: m.MatchReviewView })));
const BookingsView = lazy(() => admin().then((m) => ({ default: m.BookingsView })));
const InsightsDashboard = lazy(() => admin().then((m) => ({ default: m.InsightsDashboard })));
const RematchesView = lazy(() => admin().then((m) => ({ default: m.RematchesView })));
const AuditView = lazy(() => admin().then((m) => ({ default: m.AuditView })));
const GuideEditView = lazy(() => admin().then((m) => ({ default: m.GuideEditView })));

// Surveys and outcomes: their own chunk, opened from a nudge, Home or the admin's program.
const outcomes = () => import('../outcomes/index.js');
const SurveyView = lazy(() => outcomes().then((m) => ({ default: m.SurveyView })));
const OutcomesView = lazy(() => outcomes().then((m) => ({ default: m.OutcomesView })));
const ProgramReport = lazy(() => outcomes().then((m) => ({ default: m.ProgramReport })));
/** An admin page opened by someone who is not a program admin: say so, offer no admin action. */
function AdminOnly() {
  return (
    <Page title="For program admins">
      <EmptyState title="Only program admins manage programs" action={<HomeButton primary />}>
        Your organisation&apos;s program team creates programs and matches people. Your own
        enrolments, partner and sessions are on Home.
      </EmptyState>
    </Page>
  );
}

export function RouteView(props: { route: Route; host: Host; me: Me | undefined }) {
  const { route } = props;
  if (route.name.startsWith('admin') && props.me !== undefined && !props.me.isAdmin)
    return <AdminOnly />;
  switch (route.name) {
    case 'home':
      return <HomeView />;
    case 'enrol':
      return <EnrolView programId={route.programId} />;
    case 'pairing':
      return <PairingView pairingId={route.pairingId} />;
    case 'session':
      return <SessionView sessionId={route.sessionId} />;
    case 'notifications':
      return <NotificationsView />;
    case 'settings':
      return <SettingsView />;
    case 'meeting':
      return <MeetingView host={props.host} />;
    case 'config':
      return <ConfigView host={props.host} />;
    case 'admin':
      return <AdminProgramsView />;
    case 'admin-program':
      return <ProgramAdminView programId={route.programId} />;
    case 'admin-match':
      return <MatchReviewView programId={route.programId} />;
    case 'admin-bookings':
      return <BookingsView programId={route.programId} />;
    case 'admin-insights':
      return <InsightsDashboard programId={route.programId} />;
    case 'admin-rematches':
      return <RematchesView programId={route.programId} />;
    case 'admin-guide':
      return <GuideEditView programId={route.programId} />;
    case 'admin-audit':
      return <AuditView />;
    case 'survey':
      return (
        <SurveyView programId={route.programId} phase={route.phase} pairingId={route.pairingId} />
      );
    case 'admin-outcomes':
      return <OutcomesView programId={route.programId} />;
    case 'admin-report':
      return <ProgramReport programId={route.programId} />;
    case 'not-found':
      return (
        <Page title="Page not found">
          <EmptyState title="There is nothing at this address" action={<HomeButton primary />}>
            The link {route.path} does not lead to a page of Reverse Mentoring.
          </EmptyState>
        </Page>
      );
  }
}
