import { FluentProvider, Title1, Body1, teamsLightTheme } from '@fluentui/react-components';

export function App() {
  return (
    <FluentProvider theme={teamsLightTheme}>
      <main>
        <Title1 as="h1">Reverse Mentoring</Title1>
        <Body1>
          Early-career employees mentoring senior leaders, structured and booked for you.
        </Body1>
      </main>
    </FluentProvider>
  );
}
